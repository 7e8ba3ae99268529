package io.backstory.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.BackstoryTest;
import io.backstory.TestSecurity;
import io.backstory.clinic.ClinicService;
import io.backstory.clinic.ClinicSummary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Issue 11 item 4 on the report API: HTTP Basic alone does not let an account with a second factor in; it sends the
 * authenticator's current code in X-Backstory-Code, each code once. Each test uses an owner of a clinic of its own,
 * at an address of its own (the wrong codes count in the sign-in throttle).
 */
@BackstoryTest
class ApiSecondFactorTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String REPORT = "/api/reports/recurrence?from=1900-01-01&to=1900-12-31";
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @LocalServerPort int port;
    @Autowired SecondFactorService factors;
    @Autowired UserAccountService accounts;
    @Autowired ClinicService clinics;
    @Autowired TestSecurity security;
    @Autowired LoginThrottle throttle;
    @Autowired JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private String owner;
    private String address;

    @BeforeEach
    void newClinic() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ClinicSummary clinic = clinics.createClinic("API MFA " + suffix, List.of("Main"));
        owner = "ao-" + suffix;
        accounts.createFirstUsers(clinic.id(), List.of(new UserAccountService.NewUser(owner, "Ola Owner", PASSWORD, Set.of(Role.OWNER))));
        address = "198.51.100." + (ADDRESSES.incrementAndGet() % 250 + 1);
    }

    @AfterEach
    void signOut() {
        security.signOut();
    }

    /** Enrols the owner's authenticator with the current step's code; returns the secret, as the phone holds it. */
    private String enrol() {
        security.signInAs(owner);
        SecondFactorService.Enrolment enrolment = factors.newOwnEnrolment();
        factors.confirmOwn(enrolment.secret(), code(enrolment.secret(), 0));
        security.signOut();
        return enrolment.secret();
    }

    private static String code(String secret, long stepOffset) {
        return Totp.code(Base32.decode(secret), Totp.step(Instant.now()) + stepOffset, 6);
    }

    private HttpResponse<String> api(@Nullable String code) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + REPORT))
                .header("X-Forwarded-For", address)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((owner + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (code != null) {
            request.header(ApiSecondFactorFilter.HEADER, code);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldLetAnAccountWithoutASecondFactorInWithThePasswordAloneInDemoMode() throws Exception {
        HttpResponse<String> response = api(null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"verdict\"");
    }

    @Test
    void shouldRefuseAnEnrolledOwnerWithoutACodeNamingTheHeader() throws Exception {
        enrol();
        HttpResponse<String> response = api(null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(response.body()).contains("X-Backstory-Code", "two-step sign-in").doesNotContain("\"verdict\"");
    }

    @Test
    void shouldAnswerARightCodeOnceAndRefuseAWrongOrReplayedOne() throws Exception {
        String secret = enrol();
        String right = code(secret, 1); // the enrolment used the current step; the next one is still within ±1
        String wrong = wrongCode(secret);

        HttpResponse<String> refused = api(wrong);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("X-Backstory-Code", "wrong, expired or already used");

        HttpResponse<String> answered = api(right);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(answered.body()).contains("\"verdict\"");

        HttpResponse<String> replayed = api(right);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.body()).contains("already used").doesNotContain("\"verdict\"");

        // both refusals were counted for the account and audited like wrong codes on the code page
        assertThat(jdbc.sql("select count(*) from audit_event where username = ? and action = 'MFA_FAILED'").param(owner)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void shouldRefuseARecoveryCodeOnTheApi() throws Exception {
        security.signInAs(owner);
        SecondFactorService.Enrolment enrolment = factors.newOwnEnrolment();
        List<String> recovery = factors.confirmOwn(enrolment.secret(), code(enrolment.secret(), 0));
        security.signOut();

        assertThat(api(recovery.getFirst()).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from mfa_recovery_code r join user_account u on u.id = r.user_account_id "
                + "where u.username = ? and r.used_at is null").param(owner).query(Long.class).single())
                .as("the recovery code is not spent").isEqualTo(10);
    }

    @Test
    void shouldThrottleGuessesAtTheCodeLikeWrongPasswords() throws Exception {
        String secret = enrol();
        String wrong = wrongCode(secret);
        int free = throttle.policy().freeFailures();
        for (int i = 0; i < free; i++) {
            assertThat(api(wrong).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = api(code(secret, 1));
        assertThat(throttled.statusCode()).as("no code is checked while the account must wait").isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    }

    /**
     * Outside demo mode an owner must use a second factor: without an authenticator set up the API says how to get
     * one; the same account in demo mode gets through (the filter on its own, with a production and a demo service).
     */
    @Test
    void shouldRequireAnAuthenticatorForOwnersOutsideDemoModeOnly() throws Exception {
        long id = jdbc.sql("select id from user_account where username = ?").param(owner).query(Long.class).single();
        BackstoryUser user = new BackstoryUser(id, 0, owner, "Ola Owner", Set.of(Role.OWNER), "", true, false, 0);
        SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

        MockHttpServletResponse production = filter(new SecondFactorService(jdbc, null, null, null, null, Clock.systemUTC(),
                List.of("OWNER", "ADMIN"), false), user, contexts);
        assertThat(production.getStatus()).isEqualTo(401);
        assertThat(production.getContentAsString()).contains("has no authenticator yet", "X-Backstory-Code");

        MockHttpServletResponse demo = filter(new SecondFactorService(jdbc, null, null, null, null, Clock.systemUTC(),
                List.of("OWNER", "ADMIN"), true), user, contexts);
        assertThat(demo.getStatus()).isEqualTo(200);
        contexts.clearContext();
    }

    private MockHttpServletResponse filter(SecondFactorService service, BackstoryUser user, SecurityContextHolderStrategy contexts)
            throws Exception {
        contexts.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ApiSecondFactorFilter(new SignInFlow(service, null, null, throttle), contexts).doFilter(new MockHttpServletRequest("GET", "/api/reports/recurrence"),
                response, new MockFilterChain());
        return response;
    }

    /** Six digits that are none of the codes the window accepts now. */
    private static String wrongCode(String secret) {
        for (int n = 0; ; n++) {
            String candidate = String.format("%06d", n * 7919 % 1_000_000);
            if (!candidate.equals(code(secret, -1)) && !candidate.equals(code(secret, 0)) && !candidate.equals(code(secret, 1))
                    && !candidate.equals(code(secret, 2))) {
                return candidate;
            }
        }
    }
}
