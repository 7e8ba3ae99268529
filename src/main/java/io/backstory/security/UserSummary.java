package io.backstory.security;

import java.util.Set;

/**
 * A clinic colleague as other modules see them: never the password hash or lockout state.
 * {@code active} is false once deactivated: their name stays on history, but they are offered for no new work.
 */
public record UserSummary(long id, long clinicId, String username, String displayName, Set<Role> roles, boolean active) {
}
