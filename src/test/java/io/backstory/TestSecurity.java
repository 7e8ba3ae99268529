package io.backstory;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/** Signs a real account in for service tests, exactly as the login would put it in the security context. */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class TestSecurity {

    private final UserDetailsService users;

    public void signInAs(String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    public void signOut() {
        SecurityContextHolder.clearContext();
    }
}
