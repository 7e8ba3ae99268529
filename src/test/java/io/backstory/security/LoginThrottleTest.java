package io.backstory.security;

import static io.backstory.security.TestAccounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.BackstoryTest;
import io.backstory.TestSecurity;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Issue 9 item 3: one throttle for the login form, HTTP Basic on the API and the second-factor code,
 * per client address and per account, counted in a sliding window; locking only after throttled tries,
 * and one unlock path. Each test plays clients at addresses of its own through the trusted test proxy.
 */
@BackstoryTest
class LoginThrottleTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts testAccounts;
    @Autowired
    UserAccountService users;
    @Autowired
    TestSecurity security;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LoginThrottle throttle;

    @AfterEach
    void signOut() {
        security.signOut();
    }

    private String newAccount(Role role) {
        return testAccounts.newAccount(role);
    }

    private LoginClient newClient() {
        return new LoginClient(port, "203.0.113." + ADDRESSES.incrementAndGet());
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    @Test
    void shouldDelayTheLoginFormAfterFiveFailuresEvenForTheRightPasswordWithoutLocking() throws Exception {
        String username = newAccount(Role.THERAPIST);
        LoginClient client = newClient();
        for (int i = 0; i < 5; i++) {
            assertThat(location(client.login(username, "wrong password " + i))).endsWith("/login?error");
        }
        HttpResponse<String> throttled = client.login(username, PASSWORD);

        assertThat(location(throttled)).contains("/login?error=throttled&wait=");
        assertThat(jdbc.sql("select locked_until is null from user_account where username = ?").param(username).query(Boolean.class).single())
                .isTrue();
        assertThat(jdbc.sql("select action from audit_event where username = ? order by id").param(username).query(String.class).list())
                .containsSubsequence("LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_THROTTLED");
    }

    @Test
    void shouldThrottleHttpBasicOnTheApiLikeTheLoginFormWith429AndRetryAfter() throws Exception {
        String username = newAccount(Role.OWNER);
        LoginClient client = newClient();
        for (int i = 0; i < 5; i++) {
            assertThat(client.api("/api/reports/recurrence", username, "wrong password " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = client.api("/api/reports/recurrence", username, PASSWORD);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 2L));
        assertThat(throttled.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(throttled.body()).contains("\"status\":429").contains("\"retryAfterSeconds\":");
        // the API's failures count for the form too: one throttle for every way in
        assertThat(location(client.login(username, PASSWORD))).contains("error=throttled");
    }

    @Test
    void shouldRefuseAClientThatSpraysOnePasswordOverManyUsernamesThroughTheApi() throws Exception {
        String victim = newAccount(Role.OWNER);
        LoginClient sprayer = newClient();
        for (int i = 0; i < 20; i++) {
            assertThat(sprayer.api("/api/reports/recurrence", "nobody-" + i + "-" + UUID.randomUUID().toString().substring(0, 6), "Spring2026!")
                    .statusCode()).isEqualTo(401);
        }
        HttpResponse<String> refused = sprayer.api("/api/reports/recurrence", victim, PASSWORD);
        assertThat(refused.statusCode()).isEqualTo(429);
        // Another client is not affected, and unknown usernames were audited as failed logins.
        assertThat(newClient().api("/api/reports/recurrence", victim, PASSWORD).statusCode()).isNotIn(401, 429);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'LOGIN_FAILED' and clinic_id = 0 and client_address = ?")
                .param(sprayer.address()).query(Long.class).single()).isEqualTo(20);
    }

    @Test
    void shouldLockOnlyAfterTheThrottledTriesAndLetAnAdminUnlockThroughTheOneUnlockPath() throws Exception {
        String username = newAccount(Role.THERAPIST);
        // Nine failures already in the window (the throttled waits between them have passed).
        for (int i = 0; i < 9; i++) {
            jdbc.sql("insert into login_attempt (client_address, username, step, failed_at) values (?, ?, 'PASSWORD', ?)")
                    .params("192.0.2." + i, username, java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(600 - i))).update();
        }
        assertThat(location(newClient().login(username, "wrong again"))).endsWith("/login?error");

        assertThat(jdbc.sql("select locked_until is not null from user_account where username = ?").param(username).query(Boolean.class).single())
                .isTrue();
        assertThat(jdbc.sql("select count(*) from audit_event where username = ? and action = 'LOCKOUT'").param(username).query(Long.class).single())
                .isEqualTo(1);
        // locked: even the right password from a fresh client is refused
        assertThat(location(newClient().login(username, PASSWORD))).contains("/login?error");

        long userId = jdbc.sql("select id from user_account where username = ?").param(username).query(Long.class).single();
        String admin = newAdminIn(username);
        security.signInAs(admin);
        users.unlock(userId);
        security.signOut();

        assertThat(location(newClient().login(username, PASSWORD))).doesNotContain("error");
    }

    private String newAdminIn(String username) {
        long clinicId = jdbc.sql("select clinic_id from user_account where username = ?").param(username).query(Long.class).single();
        String admin = "a-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into user_account (clinic_id, username, display_name, password_hash, password_set_at) values (?, ?, 'Admin', 'x', current_timestamp)")
                .params(clinicId, admin).update();
        long adminId = jdbc.sql("select id from user_account where username = ?").param(admin).query(Long.class).single();
        jdbc.sql("insert into user_role (user_account_id, clinic_id, role) values (?, ?, 'ADMIN')").params(adminId, clinicId).update();
        return admin;
    }

    @Test
    void shouldKeyTheThrottleOnTheForwardedAddressOnlyFromATrustedProxy() throws Exception {
        String username = newAccount(Role.THERAPIST);
        new LoginClient(port, "203.0.113.250").login(username, "wrong through the proxy");
        assertThat(jdbc.sql("select client_address from login_attempt where username = ?").param(username).query(String.class).single())
                .isEqualTo("203.0.113.250");

        // From 127.0.0.2, which is not a trusted proxy, the header is ignored: the peer's own address counts.
        String other = newAccount(Role.OWNER);
        assertThat(UntrustedPeer.apiWithForwardedFor(port, "203.0.113.251", other, "wrong from an untrusted peer")).contains(" 401");
        assertThat(jdbc.sql("select client_address from login_attempt where username = ?").param(other).query(String.class).single())
                .isEqualTo(UntrustedPeer.ADDRESS);
    }

    @Autowired
    SignInFlow signInFlow;
    @Autowired
    UserDetailsService userDetails;

    /** The second-factor code is throttled like the password: wrong codes count, and a waiting account gets no code checked. */
    @Test
    void shouldThrottleTheSecondFactorCodeAndCountItsFailuresForThePassword() throws Exception {
        String username = newAccount(Role.THERAPIST);
        BackstoryUser user = (BackstoryUser) userDetails.loadUserByUsername(username);
        org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest();
        request.setRemoteAddr("203.0.113.240");
        org.springframework.web.context.request.RequestContextHolder.setRequestAttributes(
                new org.springframework.web.context.request.ServletRequestAttributes(request, new org.springframework.mock.web.MockHttpServletResponse()));
        try {
            var authentication = org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(user, null,
                    user.getAuthorities());
            request.getSession().setAttribute(PendingSignIn.ATTRIBUTE, new PendingSignIn(authentication, user, false, java.time.Instant.now()));
            for (int i = 0; i < 5; i++) {
                assertThat(signInFlow.verify("12345" + i)).isFalse();
            }
            // five wrong codes: the half-finished sign-in is over, and the account now has to wait
            request.getSession().setAttribute(PendingSignIn.ATTRIBUTE, new PendingSignIn(authentication, user, false, java.time.Instant.now()));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> signInFlow.verify("123456"))
                    .isInstanceOf(LoginThrottledException.class);
        } finally {
            org.springframework.web.context.request.RequestContextHolder.resetRequestAttributes();
        }
        assertThat(jdbc.sql("select count(*) from login_attempt where username = ? and step = 'SECOND_FACTOR' and client_address = '203.0.113.240'")
                .param(username).query(Long.class).single()).isEqualTo(5);
        // the code's failures count for the password too
        assertThat(location(newClient().login(username, PASSWORD))).contains("error=throttled");
    }
}
