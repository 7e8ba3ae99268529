package io.backstory.security;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/**
 * A password that was right, waiting for its second factor. It lives in the HTTP session under
 * {@link #ATTRIBUTE}, outside the security context: until the code is right the browser is anonymous,
 * so no view or service can be reached with the first factor alone.
 */
final class PendingSignIn implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String ATTRIBUTE = PendingSignIn.class.getName();
    /** Long enough to find the phone, short enough that an unattended half-signed-in browser is soon harmless. */
    static final Duration LIFETIME = Duration.ofMinutes(5);
    /** Wrong codes before the password has to be typed again (each try also needs the password's throttled path). */
    static final int MAX_FAILURES = 5;

    final Authentication authentication;
    final BackstoryUser user;
    final boolean mustEnrol;
    private final Instant started;
    private int failures;
    private boolean verified;
    private @Nullable String enrolmentSecret;

    PendingSignIn(Authentication authentication, BackstoryUser user, boolean mustEnrol, Instant started) {
        this.authentication = authentication;
        this.user = user;
        this.mustEnrol = mustEnrol;
        this.started = started;
    }

    boolean expiredAt(Instant now) {
        return now.isAfter(started.plus(LIFETIME)) || failures >= MAX_FAILURES;
    }

    void failed() {
        failures++;
    }

    void verified() {
        verified = true;
    }

    boolean isVerified() {
        return verified;
    }

    @Nullable String enrolmentSecret() {
        return enrolmentSecret;
    }

    void enrolmentSecret(String secret) {
        enrolmentSecret = secret;
    }
}
