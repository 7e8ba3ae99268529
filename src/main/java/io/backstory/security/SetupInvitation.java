package io.backstory.security;

import java.time.Instant;

/** Whose setup link was opened: enough to greet the person, nothing more. */
public record SetupInvitation(String username, String displayName, boolean firstPassword, Instant expiresAt) {
}
