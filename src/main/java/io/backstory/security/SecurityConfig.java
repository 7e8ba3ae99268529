package io.backstory.security;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSavedRequestAwareAuthenticationSuccessHandler;
import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.backstory.security.ui.LoginView;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.util.function.BiPredicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

@Configuration
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfig {

    /**
     * The REST API for reports: stateless HTTP Basic, 401 without credentials, never a login redirect. An account
     * with a second factor also sends its current code ({@link ApiSecondFactorFilter}).
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, SignInFlow flow, ObjectProvider<SecurityContextHolderStrategy> strategy)
            throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(apiEntryPoint()))
                .addFilterAfter(new ApiSecondFactorFilter(flow,
                        strategy.getIfUnique(SecurityContextHolder::getContextHolderStrategy)), BasicAuthenticationFilter.class)
                // Explicit, so no login-page redirect registered for the UI can answer an API client with a 302.
                .exceptionHandling(e -> e.authenticationEntryPoint(apiEntryPoint())
                        .accessDeniedHandler((request, response, denied) -> response.setStatus(HttpServletResponse.SC_FORBIDDEN)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .build();
    }

    /**
     * 401 with the Basic challenge, written directly: sendError would dispatch to /error, which the UI
     * chain answers with a redirect to the login page. A try refused by the login throttle gets 429 with
     * Retry-After and a JSON body saying how long to wait.
     */
    private static org.springframework.security.web.AuthenticationEntryPoint apiEntryPoint() {
        return (request, response, e) -> {
            if (e instanceof LoginThrottledException throttled) {
                response.setStatus(429);
                response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("{\"status\":429,\"error\":\"Too Many Requests\",\"message\":\"Too many failed sign-ins from this "
                        + "address or for this account: try again in " + throttled.retryAfterSeconds() + " seconds\",\"retryAfterSeconds\":"
                        + throttled.retryAfterSeconds() + "}");
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"Backstory API\", charset=\"UTF-8\"");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        };
    }

    @Bean
    @Order(2)
    SecurityFilterChain vaadinFilterChain(HttpSecurity http, SecondFactorGate secondFactorGate, LiveSessions liveSessions, RequestUtil requestUtil,
                                          @Value("${backstory.security.session-max-lifetime:12h}") Duration maxLifetime) throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers("/actuator/health/**", "/actuator/health", "/images/**", "/*.css", "/error", "/error/**").permitAll());
        // HSTS, Cache-Control and the CSP come from SecurityHeadersFilter for every response; Spring Security's own
        // cache headers would only duplicate them.
        http.headers(h -> h.httpStrictTransportSecurity(hsts -> hsts.disable()).cacheControl(c -> c.disable()));
        http.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()));
        // Login CSRF: Vaadin's configurer exempts the login page from CSRF, so any site could sign a browser in to
        // an account of its choosing. Only Vaadin's own framework requests (which carry their own token) are exempt
        // here; the login form posts the token that Vaadin puts in the page's _csrf meta tags.
        http.csrf(c -> c.ignoringRequestMatchers(requestUtil::isFrameworkInternalRequest));
        http.addFilterBefore(sessionLifetimeFilter(maxLifetime), UsernamePasswordAuthenticationFilter.class);
        http.addFilterAfter(sessionRevocationFilter(liveSessions), SecurityContextHolderFilter.class);
        // Vaadin's configurer uses this shared handler after a right password: it asks for the second factor first.
        http.setSharedObject(VaadinSavedRequestAwareAuthenticationSuccessHandler.class, secondFactorGate);
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class).enableCsrfConfiguration(false));
        // A throttled try says how long to wait; any other failure is the usual "?error". After Vaadin's configurer,
        // so that its login view is in place before form login initialises (else Spring's default page is served).
        http.formLogin(f -> f.failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                + (e instanceof LoginThrottledException t ? "/login?error=throttled&wait=" + t.retryAfterSeconds() : "/login?error"))));
        return http.build();
    }

    /**
     * Security headers, no-store caching and the HTTPS redirect on every response ({@link SecurityHeadersFilter}):
     * a servlet filter ahead of everything, because Vaadin's configurer takes anonymous routes such as the login
     * page out of Spring Security's header writer, and the login page needs them most of all.
     */
    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeaders(@Value("${backstory.security.require-https:false}") boolean requireHttps) {
        FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(new SecurityHeadersFilter(requireHttps));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Accounts for the password check ({@link ThrottledAuthenticationProvider}) and for signing in as someone in tests. */
    @Bean
    UserDetailsService userDetailsService(UserAccountService accounts) {
        return accounts::signInUser;
    }

    /** bcrypt at cost 12 (ASVS 2.4.4 asks for at least 10): about 0.2 s a login on this hardware. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(12);
    }

    /**
     * Ends a signed-in session at its next request once the account was deactivated or its session
     * epoch raised (reset, role change, second-factor reset): the session is invalidated, so an open
     * Vaadin tab finds its session gone and reloads into the login page.
     */
    static SessionEndingFilter sessionRevocationFilter(LiveSessions liveSessions) {
        return new SessionEndingFilter(
                (request, session) -> !request.getServletPath().startsWith("/VAADIN/")
                        && SecurityContextHolder.getContext().getAuthentication() instanceof Authentication auth
                        && auth.getPrincipal() instanceof BackstoryUser user && !liveSessions.stillValid(user),
                (request, response) -> {
                    SecurityContextHolder.clearContext();
                    return true;
                });
    }

    /** Absolute session lifetime (ASVS 3.3.2): even an active session ends after a working day. */
    static SessionEndingFilter sessionLifetimeFilter(Duration maxLifetime) {
        return new SessionEndingFilter(
                (request, session) -> System.currentTimeMillis() - session.getCreationTime() > maxLifetime.toMillis(),
                (request, response) -> {
                    response.sendRedirect(request.getContextPath() + "/login?expired");
                    return false;
                });
    }

    /**
     * What both session filters do: a request whose session must end has it invalidated here, and then either goes
     * on down the chain or stops (when the response was already answered, e.g. by a redirect).
     */
    static final class SessionEndingFilter extends OncePerRequestFilter {

        /** After the session was invalidated: true lets the request go on down the chain. */
        interface AfterEnd {
            boolean goOn(HttpServletRequest request, HttpServletResponse response) throws IOException;
        }

        private final BiPredicate<HttpServletRequest, HttpSession> mustEnd;
        private final AfterEnd afterEnd;

        SessionEndingFilter(BiPredicate<HttpServletRequest, HttpSession> mustEnd, AfterEnd afterEnd) {
            this.mustEnd = mustEnd;
            this.afterEnd = afterEnd;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            HttpSession session = request.getSession(false);
            if (session != null && mustEnd.test(request, session)) {
                session.invalidate();
                if (!afterEnd.goOn(request, response)) {
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }
}
