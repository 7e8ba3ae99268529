package io.backstory.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user as the rest of the app sees it: the clinic it belongs to decides every
 * object-level authorization check (a user never reads another clinic's records).
 */
public final class BackstoryUser implements UserDetails, CredentialsContainer {

    private final long userId;
    private final long clinicId;
    private final String username;
    private final String displayName;
    private final Set<Role> roles;
    private transient String passwordHash;
    private final boolean enabled;
    private final boolean locked;
    private final int sessionEpoch;

    BackstoryUser(long userId, long clinicId, String username, String displayName, Set<Role> roles,
                  String passwordHash, boolean enabled, boolean locked, int sessionEpoch) {
        this.userId = userId;
        this.clinicId = clinicId;
        this.username = username;
        this.displayName = displayName;
        this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        this.passwordHash = passwordHash;
        this.enabled = enabled;
        this.locked = locked;
        this.sessionEpoch = sessionEpoch;
    }

    /** The same user in a session that survives an epoch change made from it (own password change). */
    BackstoryUser withSessionEpoch(int epoch) {
        return new BackstoryUser(userId, clinicId, username, displayName, roles, "", enabled, locked, epoch);
    }

    public long userId() { return userId; }
    public long clinicId() { return clinicId; }
    public String displayName() { return displayName; }
    public Set<Role> roles() { return Set.copyOf(roles); }
    /** The account's session epoch when this session signed in; an older one than the account's means "ended". */
    int sessionEpoch() { return sessionEpoch; }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** Therapists and admins record care (patients, episodes, visits, check-ins); an owner only reads it. */
    public boolean recordsCare() {
        return hasRole(Role.THERAPIST) || hasRole(Role.ADMIN);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }

    @Override public String getPassword() { return passwordHash; }
    @Override public String getUsername() { return username; }
    @Override public boolean isEnabled() { return enabled; }
    @Override public boolean isAccountNonLocked() { return !locked; }

    /** Drops the hash once authentication is done, so it never lingers in the HTTP session. */
    @Override
    public void eraseCredentials() {
        passwordHash = "";
    }

    @Override
    public String toString() {
        return "BackstoryUser[" + username + "]";
    }
}
