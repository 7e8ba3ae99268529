package io.backstory.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers on every response, the login page included (Vaadin's configurer takes anonymous routes out
 * of Spring Security's header writer): the content security policy with a fresh script nonce, no
 * framing, no sniffing; {@code Cache-Control: no-store} on everything but the app's static files, so
 * no page or Vaadin UIDL response with patient data is kept by a browser or proxy cache; and, when
 * BACKSTORY_REQUIRE_HTTPS is set, HSTS and a redirect of plain-HTTP requests to https (the scheme seen
 * through a trusted proxy's X-Forwarded-Proto, see {@link TrustedProxies}).
 */
final class SecurityHeadersFilter extends OncePerRequestFilter {

    /** The request attribute holding this response's script nonce, which {@link ScriptNonces} adds to the page's scripts. */
    static final String NONCE_ATTRIBUTE = SecurityHeadersFilter.class.getName() + ".nonce";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean requireHttps;

    SecurityHeadersFilter(boolean requireHttps) {
        this.requireHttps = requireHttps;
    }

    /**
     * Scripts only from this origin or carrying the response's nonce (Vaadin's inline bootstrap script gets
     * it), so an injected {@code <script>} or {@code onerror=} handler does not run. Vaadin still needs
     * 'unsafe-eval' (Element.executeJs is compiled with new Function) and inline styles (Lumo and
     * component style attributes); everything else is restricted to this origin and no one may frame the app.
     */
    static String contentSecurityPolicy(String nonce) {
        return "default-src 'self'; script-src 'self' 'nonce-" + nonce + "' 'unsafe-eval'; "
                + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
                + "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (requireHttps && !request.isSecure() && !isHealthProbe(request)) {
            StringBuilder target = new StringBuilder("https://").append(request.getServerName()).append(request.getRequestURI());
            if (request.getQueryString() != null) {
                target.append('?').append(request.getQueryString());
            }
            // 308 keeps the method and body, so a form post is not silently turned into a GET.
            response.setStatus(308);
            response.setHeader("Location", target.toString());
            return;
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        request.setAttribute(NONCE_ATTRIBUTE, nonce);
        response.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        if (requireHttps || request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (isStaticFile(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        chain.doFilter(request, new NoStoreResponse(response));
    }

    private static boolean isHealthProbe(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/actuator/health");
    }

    /** Vaadin's hashed build files, icons, images and stylesheets: the same for everyone, no patient data. */
    private static boolean isStaticFile(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/VAADIN/build/") || path.startsWith("/VAADIN/static/") || path.startsWith("/images/")
                || path.startsWith("/icons/") || path.endsWith(".css") || path.equals("/favicon.ico") || path.equals("/sw.js")
                || path.equals("/manifest.webmanifest");
    }

    /** Keeps Cache-Control at no-store whatever a servlet downstream (Vaadin, Spring MVC) sets. */
    private static final class NoStoreResponse extends HttpServletResponseWrapper {
        NoStoreResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (!isCacheHeader(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!isCacheHeader(name)) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setDateHeader(String name, long date) {
            if (!"Expires".equalsIgnoreCase(name)) {
                super.setDateHeader(name, date);
            }
        }

        @Override
        public void addDateHeader(String name, long date) {
            if (!"Expires".equalsIgnoreCase(name)) {
                super.addDateHeader(name, date);
            }
        }

        private static boolean isCacheHeader(String name) {
            return "Cache-Control".equalsIgnoreCase(name) || "Pragma".equalsIgnoreCase(name) || "Expires".equalsIgnoreCase(name);
        }
    }
}
