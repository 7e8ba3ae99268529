package io.backstory.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The second factor on the stateless report API (issue 11 item 4): after HTTP Basic accepted the password, an
 * account that has an authenticator, or whose role must use one (owners and admins outside demo mode), also sends
 * the authenticator's current code in {@value #HEADER}. Checked by the same verifier as the code page: ±1 step, and
 * a step once accepted (on the API or in the browser) is never accepted again, so every call needs a fresh code.
 * A wrong code counts in the sign-in throttle like a wrong password, so a stolen password does not buy unlimited
 * guesses at six digits. Not a bean: a filter bean would also be registered for every request of the servlet.
 */
final class ApiSecondFactorFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Backstory-Code";

    private final SignInFlow flow;
    private final SecurityContextHolderStrategy contexts;

    ApiSecondFactorFilter(SignInFlow flow, SecurityContextHolderStrategy contexts) {
        this.flow = flow;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = contexts.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof BackstoryUser user) {
            String refusal = switch (flow.checkApiCode(user, request.getHeader(HEADER), request.getRemoteAddr())) {
                case THROUGH -> null;
                case ENROL_FIRST -> "This account must use two-step sign-in and has no authenticator yet: sign in to Backstory "
                        + "in a browser once to set one up, then send its current 6-digit code in the " + HEADER + " header";
                case MISSING -> "This account uses two-step sign-in: send the current 6-digit code from its authenticator "
                        + "app in the " + HEADER + " header (each code works once)";
                case WRONG -> "The code in the " + HEADER + " header is wrong, expired or already used: send the "
                        + "authenticator's current 6-digit code (each code works once)";
            };
            if (refusal != null) {
                refuse(response, refusal);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * 401 written directly, as the API's entry point does (sendError would dispatch to /error and the UI chain). The
     * context is cleared so nothing later in the chain treats the request as signed in.
     */
    private void refuse(HttpServletResponse response, String message) throws IOException {
        contexts.clearContext();
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"Backstory API\", charset=\"UTF-8\"");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"status\":401,\"error\":\"Unauthorized\",\"message\":\"" + message
                + "\",\"header\":\"" + HEADER + "\"}");
    }
}
