package io.backstory.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused before any password check because of recent failures; says how long to wait. */
public final class LoginThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super("Too many failed sign-ins: try again in " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds for a Retry-After header or a message, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }
}
