package io.backstory.security;

import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The one password check of the app, used by the login form and by HTTP Basic on {@code /api/**}
 * alike (it is the only {@link AuthenticationProvider} bean, so Spring Security builds both chains'
 * authentication manager from it). Before the password is looked at, the {@link LoginThrottle} may
 * refuse the try; a wrong password is counted for the client address and the account name.
 * The client address is the request's remote address, which is the real client's only when it came
 * through a proxy listed in BACKSTORY_TRUSTED_PROXIES (see {@code TrustedProxies}).
 */
@Component
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final SecondFactorService factors;

    ThrottledAuthenticationProvider(UserDetailsService users, PasswordEncoder passwordEncoder, LoginThrottle throttle,
                                    SecondFactorService factors) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(passwordEncoder);
        this.throttle = throttle;
        this.factors = factors;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String client = clientOf(authentication.getDetails());
        Optional<Duration> wait = throttle.wait(client, username);
        if (wait.isPresent()) {
            throttle.refused(username, wait.get());
            throw new LoginThrottledException(wait.get());
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            // An account with a second factor is not signed in yet: its count is cleared when the code is right.
            if (result.getPrincipal() instanceof BackstoryUser user && !factors.enrolled(user.userId())) {
                throttle.cleared(username);
            }
            return result;
        } catch (BadCredentialsException e) {
            throttle.failed(client, username, LoginThrottle.Step.PASSWORD);
            throw e;
        } catch (LockedException | DisabledException e) {
            throttle.refusedAccount(username, e instanceof LockedException ? "account locked" : "account deactivated");
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    static String clientOf(Object details) {
        return details instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null ? web.getRemoteAddress() : "unknown";
    }
}
