package io.backstory.security;

import io.backstory.base.AbstractEntity;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "user_account")
class UserAccount extends AbstractEntity {

    @Column(name = "clinic_id", nullable = false)
    private long clinicId;

    @Column(nullable = false, length = UserAccountService.USERNAME_MAX_LENGTH)
    private String username = "";

    @Column(name = "display_name", nullable = false, length = UserAccountService.DISPLAY_NAME_MAX_LENGTH)
    private String displayName = "";

    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash = "";

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "locked_until")
    private @Nullable Instant lockedUntil;

    @Column(length = UserAccountService.EMAIL_MAX_LENGTH)
    private @Nullable String email;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.EPOCH;

    /** Null until the person chooses a password through their setup link. */
    @Column(name = "password_set_at")
    private @Nullable Instant passwordSetAt;

    @Column(name = "last_sign_in_at")
    private @Nullable Instant lastSignInAt;

    @Column(name = "deactivated_at")
    private @Nullable Instant deactivatedAt;

    /** Every signed-in session carries the epoch it started with; raising it ends them all (see SecurityConfig.sessionRevocationFilter). */
    @Column(name = "session_epoch", nullable = false)
    private int sessionEpoch;

    /** Each grant repeats the clinic id so the role table can be distributed with its account (DESIGN §7). */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_role", joinColumns = @JoinColumn(name = "user_account_id"))
    private Set<RoleGrant> grants = new HashSet<>();

    @Embeddable
    record RoleGrant(@Column(name = "clinic_id", nullable = false) long clinicId,
                     @Column(name = "role", nullable = false, length = 20) @Enumerated(EnumType.STRING) Role role) {
    }

    protected UserAccount() {
    }

    UserAccount(long clinicId, String username, String displayName, String passwordHash, Set<Role> roles) {
        this.clinicId = clinicId;
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        roles.forEach(r -> grants.add(new RoleGrant(clinicId, r)));
    }

    /** A new colleague who chooses their password through a setup link: until then no password works. */
    static UserAccount invited(long clinicId, String username, String displayName, @Nullable String email,
                               String unusableHash, Set<Role> roles, Instant now) {
        UserAccount account = new UserAccount(clinicId, username, displayName, unusableHash, roles);
        account.email = email;
        account.createdAt = now;
        return account;
    }

    long getClinicId() { return clinicId; }
    @Nullable String getEmail() { return email; }
    Instant getCreatedAt() { return createdAt; }
    @Nullable Instant getPasswordSetAt() { return passwordSetAt; }
    @Nullable Instant getLastSignInAt() { return lastSignInAt; }
    @Nullable Instant getDeactivatedAt() { return deactivatedAt; }
    int getSessionEpoch() { return sessionEpoch; }
    String getUsername() { return username; }
    String getDisplayName() { return displayName; }
    String getPasswordHash() { return passwordHash; }
    boolean isEnabled() { return enabled; }
    @Nullable Instant getLockedUntil() { return lockedUntil; }
    Set<Role> getRoles() {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        grants.forEach(g -> roles.add(g.role()));
        return roles;
    }

    boolean isLockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** Too many failed sign-ins ({@link LoginThrottle} counts them): no password is accepted until then. */
    void lockUntil(Instant until) {
        lockedUntil = until;
    }

    void created(Instant now) {
        createdAt = now;
        passwordSetAt = now;
    }

    void setPassword(String hash, Instant now) {
        passwordHash = hash;
        passwordSetAt = now;
        lockedUntil = null;
    }

    /** An admin's reset: the old password stops working at once and the person sets a new one by link. */
    void clearPassword(String unusableHash) {
        passwordHash = unusableHash;
        passwordSetAt = null;
    }

    void unlock() {
        lockedUntil = null;
    }

    void deactivate(Instant now) {
        enabled = false;
        deactivatedAt = now;
    }

    void reactivate() {
        enabled = true;
        deactivatedAt = null;
        lockedUntil = null;
    }

    void changeDetails(String displayName, @Nullable String email) {
        this.displayName = displayName;
        this.email = email;
    }

    void changeRoles(Set<Role> roles) {
        grants.removeIf(g -> !roles.contains(g.role()));
        roles.forEach(r -> grants.add(new RoleGrant(clinicId, r)));
    }

    void signedIn(Instant now) {
        lastSignInAt = now;
    }

    /** Ends every live session of this account (they carry the old epoch). */
    void endSessions() {
        sessionEpoch++;
    }
}
