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

    @Column(nullable = false, length = 60)
    private String username = "";

    @Column(name = "display_name", nullable = false, length = 120)
    private String displayName = "";

    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash = "";

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    @Column(name = "locked_until")
    private @Nullable Instant lockedUntil;

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

    long getClinicId() { return clinicId; }
    String getUsername() { return username; }
    String getDisplayName() { return displayName; }
    String getPasswordHash() { return passwordHash; }
    boolean isEnabled() { return enabled; }
    int getFailedAttempts() { return failedAttempts; }
    @Nullable Instant getLockedUntil() { return lockedUntil; }
    Set<Role> getRoles() {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        grants.forEach(g -> roles.add(g.role()));
        return roles;
    }

    boolean isLockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** Counts a failed login; after {@code maxFailures} in a row the account is locked for {@code lockout}. */
    void recordFailure(Instant now, int maxFailures, java.time.Duration lockout) {
        failedAttempts++;
        if (failedAttempts >= maxFailures) {
            lockedUntil = now.plus(lockout);
            failedAttempts = 0;
        }
    }

    void recordSuccess() {
        failedAttempts = 0;
        lockedUntil = null;
    }
}
