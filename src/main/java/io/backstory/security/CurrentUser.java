package io.backstory.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The signed-in user for services and views; services use it for their own authorization checks. */
@Component
public class CurrentUser {

    /** The signed-in user; throws when there is none, so no service ever runs unauthenticated by accident. */
    public BackstoryUser require() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof BackstoryUser user) {
            return user;
        }
        throw new AccessDeniedException("Sign in to use Backstory");
    }

    public long clinicId() {
        return require().clinicId();
    }

    /** Throws unless the user holds one of the roles: the service-level twin of a view's @RolesAllowed. */
    public BackstoryUser requireAnyRole(Role... roles) {
        BackstoryUser user = require();
        for (Role role : roles) {
            if (user.hasRole(role)) {
                return user;
            }
        }
        throw new AccessDeniedException("This needs one of the roles " + java.util.Arrays.toString(roles));
    }

    /**
     * Swaps the signed-in principal for an updated one in this session's security context (the context
     * object is the one kept in the HTTP session, so the change lasts beyond this request).
     */
    void replacePrincipal(BackstoryUser user) {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }
}
