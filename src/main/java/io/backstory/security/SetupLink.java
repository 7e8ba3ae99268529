package io.backstory.security;

import java.time.Instant;

/**
 * A single-use link for a person to choose their password, shown once to the admin who made it.
 * {@code token} is the last path segment of the link; only its hash is stored.
 */
public record SetupLink(long userId, String username, String displayName, String token, Instant expiresAt) {

    public String path() {
        return "welcome/" + token;
    }
}
