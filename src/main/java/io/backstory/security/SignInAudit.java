package io.backstory.security;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * LOGIN and LOGOUT rows of the audit trail. Failures, refusals and lockouts are written where they
 * happen ({@link LoginThrottle}, {@link SecondFactorService}).
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class SignInAudit {

    private final AuditLog auditLog;

    @EventListener
    public void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof BackstoryUser user) {
            auditLog.insert(user.clinicId(), user.getUsername(), AuditLog.Action.LOGIN, "user_account", String.valueOf(user.userId()));
        }
    }

    @EventListener
    public void onLogout(LogoutSuccessEvent event) {
        if (event.getAuthentication() != null && event.getAuthentication().getPrincipal() instanceof BackstoryUser user) {
            auditLog.insert(user.clinicId(), user.getUsername(), AuditLog.Action.LOGOUT, "user_account", String.valueOf(user.userId()));
        }
    }
}
