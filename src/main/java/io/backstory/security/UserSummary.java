package io.backstory.security;

import java.util.Set;

/** A clinic colleague as other modules see them: never the password hash or lockout state. */
public record UserSummary(long id, long clinicId, String username, String displayName, Set<Role> roles) {
}
