package io.backstory.followups;

import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A live check-in link for browser tests outside this package (the token exists in clear only when made). */
public final class CheckInLinkFixture {

    private CheckInLinkFixture() {
    }

    /** A new link to the check-in; returns its token. */
    public static String create(JdbcClient jdbc, long clinicId, long followUpId) {
        return new CheckInLinks(jdbc, Clock.systemUTC()).create(clinicId, followUpId, Instant.now());
    }
}
