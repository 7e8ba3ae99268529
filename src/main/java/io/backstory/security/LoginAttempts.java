package io.backstory.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Login throttling and lockout (ASVS 2.2.1). Two layers: an account is locked for a while after
 * {@code max-failed-logins} consecutive failures (stops guessing one password), and a client that
 * fails too often across usernames is refused for a while (stops spraying one password over many
 * accounts). Both count in a sliding window so a legitimate user's typo costs nothing.
 */
@Component
class LoginAttempts {

    static final int MAX_FAILURES_PER_CLIENT = 20;
    static final Duration CLIENT_WINDOW = Duration.ofMinutes(10);

    private final UserAccountRepository accounts;
    private final AuditLog auditLog;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;
    private final ConcurrentHashMap<String, Deque<Instant>> failuresByClient = new ConcurrentHashMap<>();

    LoginAttempts(UserAccountRepository accounts, AuditLog auditLog, Clock clock,
                  @Value("${backstory.security.max-failed-logins:5}") int maxFailures,
                  @Value("${backstory.security.lockout:15m}") Duration lockout) {
        this.accounts = accounts;
        this.auditLog = auditLog;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    @EventListener
    @Transactional
    public void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        String username = event.getAuthentication().getName();
        Instant now = clock.instant();
        accounts.findByUsername(username).ifPresent(a -> {
            a.recordFailure(now, maxFailures, lockout);
            auditLog.insert(a.getClinicId(), a.getUsername(), AuditLog.Action.LOGIN_FAILED, "user_account", String.valueOf(a.getId()));
        });
        String client = clientOf(event.getAuthentication().getDetails());
        Deque<Instant> failures = failuresByClient.computeIfAbsent(client, k -> new ArrayDeque<>());
        synchronized (failures) {
            failures.addLast(now);
            prune(failures, now);
        }
    }

    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof BackstoryUser user) {
            accounts.findById(user.userId()).ifPresent(UserAccount::recordSuccess);
            auditLog.insert(user.clinicId(), user.getUsername(), AuditLog.Action.LOGIN, "user_account", String.valueOf(user.userId()));
        }
    }

    /** True while a client has failed too often recently; the login filter refuses it before checking a password. */
    boolean isClientBlocked(String client) {
        Deque<Instant> failures = failuresByClient.get(client);
        if (failures == null) {
            return false;
        }
        synchronized (failures) {
            prune(failures, clock.instant());
            return failures.size() >= MAX_FAILURES_PER_CLIENT;
        }
    }

    private static void prune(Deque<Instant> failures, Instant now) {
        while (!failures.isEmpty() && failures.peekFirst().isBefore(now.minus(CLIENT_WINDOW))) {
            failures.removeFirst();
        }
    }

    static String clientOf(Object details) {
        if (details instanceof org.springframework.security.web.authentication.WebAuthenticationDetails web) {
            return web.getRemoteAddress();
        }
        return "unknown";
    }
}
