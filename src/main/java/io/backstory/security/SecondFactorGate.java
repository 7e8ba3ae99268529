package io.backstory.security;

import com.vaadin.flow.spring.security.VaadinSavedRequestAwareAuthenticationSuccessHandler;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * What happens after a right password. Without a second factor to check, the sign-in completes as
 * Vaadin's handler does it. Otherwise {@link SignInFlow#afterPassword} parks the authentication in the
 * session, the browser stays anonymous, and it is sent to the code page (or, for an owner or admin
 * without an authenticator, to set one up first).
 * <p>
 * A custom step rather than Spring Security 7's factor authorities: those are enforced by HTTP
 * authorization rules, while a Vaadin app is reached through its framework requests and checks views
 * with its own navigation access control, which would let a half-signed-in session through.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class SecondFactorGate extends VaadinSavedRequestAwareAuthenticationSuccessHandler {

    private final SignInFlow flow;

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws ServletException, IOException {
        if (authentication.getPrincipal() instanceof BackstoryUser user) {
            Optional<String> secondStep = flow.afterPassword(request, authentication, user);
            if (secondStep.isPresent()) {
                response.sendRedirect(request.getContextPath() + secondStep.get());
                return;
            }
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
