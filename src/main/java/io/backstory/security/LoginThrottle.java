package io.backstory.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The failures behind {@link LoginThrottlePolicy}, one {@code login_attempt} row each, shared by
 * every way in: the login form, HTTP Basic on the API and the second-factor code page. Rows live in
 * the database so that every instance of the app and a restart see the same counts.
 */
@Component
class LoginThrottle {

    enum Step { PASSWORD, SECOND_FACTOR }

    private final JdbcClient jdbc;
    private final UserAccountRepository accounts;
    private final AuditLog auditLog;
    private final Clock clock;
    private final LoginThrottlePolicy policy;

    LoginThrottle(JdbcClient jdbc, UserAccountRepository accounts, AuditLog auditLog, Clock clock,
                  @Value("${backstory.security.client-max-failed-logins:20}") int clientMaxFailures,
                  @Value("${backstory.security.client-window:10m}") Duration clientWindow,
                  @Value("${backstory.security.max-failed-logins:5}") int freeFailures,
                  @Value("${backstory.security.login-window:15m}") Duration accountWindow,
                  @Value("${backstory.security.login-delay:2s}") Duration baseDelay,
                  @Value("${backstory.security.max-login-delay:5m}") Duration maxDelay,
                  @Value("${backstory.security.lock-after-failed-logins:10}") int lockAfter,
                  @Value("${backstory.security.lockout:15m}") Duration lockout) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.auditLog = auditLog;
        this.clock = clock;
        this.policy = new LoginThrottlePolicy(clientMaxFailures, clientWindow, freeFailures, accountWindow, baseDelay, maxDelay,
                lockAfter, lockout);
    }

    LoginThrottlePolicy policy() {
        return policy;
    }

    /** How long this client, or this account name, must wait before a password or code may be checked. */
    Optional<Duration> wait(String client, String username) {
        Instant now = clock.instant();
        Optional<Duration> clientWait = policy.clientWait(failures("client_address", key(client), now, policy.clientWindow()), now);
        Optional<Duration> accountWait = policy.accountWait(failures("username", name(username), now, policy.accountWindow()), now);
        if (clientWait.isPresent() && accountWait.isPresent()) {
            return Optional.of(clientWait.get().compareTo(accountWait.get()) > 0 ? clientWait.get() : accountWait.get());
        }
        return clientWait.isPresent() ? clientWait : accountWait;
    }

    /**
     * Records a wrong password or code and audits it (LOGIN_FAILED, or MFA_FAILED which the second-factor
     * service writes itself); an unknown username is audited too, without a clinic. Locks the account
     * once the policy says so (LOCKOUT). Commits on its own: the sign-in that failed has no transaction to join.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(String client, String username, Step step) {
        Instant now = clock.instant();
        String name = name(username);
        jdbc.sql("delete from login_attempt where failed_at < ?").param(Timestamp.from(now.minus(policy.longestWindow()).minus(Duration.ofDays(1))))
                .update();
        jdbc.sql("insert into login_attempt (client_address, username, step, failed_at) values (?, ?, ?, ?)")
                .params(key(client), name, step.name(), Timestamp.from(now)).update();
        Optional<UserAccount> account = accounts.findByUsername(username);
        if (step == Step.PASSWORD) {
            if (account.isPresent()) {
                auditLog.insert(account.get().getClinicId(), account.get().getUsername(), AuditLog.Action.LOGIN_FAILED, "user_account",
                        String.valueOf(account.get().getId()));
            } else {
                auditLog.insert(null, name, AuditLog.Action.LOGIN_FAILED, "user_account", null, "no account has this username");
            }
        }
        account.ifPresent(a -> {
            int recent = failures("username", name, now, policy.accountWindow()).size();
            if (policy.locks(recent) && !a.isLockedAt(now)) {
                a.lockUntil(now.plus(policy.lockout()));
                accounts.save(a);
                auditLog.insert(a.getClinicId(), a.getUsername(), AuditLog.Action.LOCKOUT, "user_account", String.valueOf(a.getId()),
                        recent + " failed sign-ins within " + policy.accountWindow().toMinutes() + " min; locked for "
                                + policy.lockout().toMinutes() + " min");
            }
        });
    }

    /** Audits a try refused by the throttle (no password was checked). */
    void refused(String username, Duration wait) {
        Optional<UserAccount> account = accounts.findByUsername(username);
        auditLog.insert(account.map(UserAccount::getClinicId).orElse(null), account.map(UserAccount::getUsername).orElse(name(username)),
                AuditLog.Action.LOGIN_THROTTLED, "user_account", account.map(a -> String.valueOf(a.getId())).orElse(null),
                "refused before the password check; retry after " + wait.toSeconds() + " s");
    }

    /** Audits a right-or-wrong password for an account that may not sign in now (locked or deactivated). */
    void refusedAccount(String username, String why) {
        accounts.findByUsername(username).ifPresent(a -> auditLog.insert(a.getClinicId(), a.getUsername(), AuditLog.Action.LOGIN_FAILED,
                "user_account", String.valueOf(a.getId()), why));
    }

    /** A completed sign-in (or an admin's unlock) starts the account's count afresh; the client's count stays. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void cleared(String username) {
        jdbc.sql("delete from login_attempt where username = ?").param(name(username)).update();
    }

    private List<Instant> failures(String column, String value, Instant now, Duration window) {
        return jdbc.sql("select failed_at from login_attempt where " + column + " = ? and failed_at > ? order by failed_at")
                .params(value, Timestamp.from(now.minus(window)))
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
    }

    private static String key(String client) {
        String c = client == null || client.isBlank() ? "unknown" : client;
        return c.substring(0, Math.min(c.length(), 64));
    }

    /** Usernames are lower case; what was typed is counted as typed (lower-cased), known or not. */
    static String name(String username) {
        String n = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return n.substring(0, Math.min(n.length(), 60));
    }
}
