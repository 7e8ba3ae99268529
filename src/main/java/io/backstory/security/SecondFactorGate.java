package io.backstory.security;

import com.vaadin.flow.spring.security.VaadinSavedRequestAwareAuthenticationSuccessHandler;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * What happens after a right password. Without a second factor to check, the sign-in completes as
 * Vaadin's handler does it. Otherwise the authentication is parked in the session as a
 * {@link PendingSignIn}, the browser stays anonymous, and it is sent to the code page (or, for an
 * owner or admin without an authenticator, to set one up first).
 * <p>
 * A custom step rather than Spring Security 7's factor authorities: those are enforced by HTTP
 * authorization rules, while a Vaadin app is reached through its framework requests and checks views
 * with its own navigation access control, which would let a half-signed-in session through.
 */
@Component
class SecondFactorGate extends VaadinSavedRequestAwareAuthenticationSuccessHandler {

    static final String CODE_PAGE = "/sign-in/code";
    static final String ENROL_PAGE = "/sign-in/authenticator";

    private final SecondFactorService factors;
    private final UserAccountService accounts;
    private final Clock clock;

    SecondFactorGate(SecondFactorService factors, UserAccountService accounts, Clock clock) {
        this.factors = factors;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws ServletException, IOException {
        if (authentication.getPrincipal() instanceof BackstoryUser user) {
            SecondFactorService.Step step = factors.nextStep(user);
            if (step != SecondFactorService.Step.NONE) {
                boolean enrolled = step == SecondFactorService.Step.CODE;
                SecurityContextHolder.clearContext();
                request.getSession().removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
                request.getSession().setAttribute(PendingSignIn.ATTRIBUTE, new PendingSignIn(authentication, user, !enrolled, clock.instant()));
                response.sendRedirect(request.getContextPath() + (enrolled ? CODE_PAGE : ENROL_PAGE));
                return;
            }
            accounts.recordSignIn(user.userId());
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
