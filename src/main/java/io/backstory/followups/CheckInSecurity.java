package io.backstory.followups;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The check-in page is the one public path of the app: no login, no session, and no CSRF token (the unguessable
 * link token in the URL already proves the form came from the patient's message). Everything else stays behind
 * the sign-in chains of SecurityConfig.
 */
@Configuration(proxyBeanMethods = false)
class CheckInSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain checkInFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/check-in/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .csrf(c -> c.disable())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CheckInPageController.CONTENT_SECURITY_POLICY))
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)))
                .build();
    }
}
