package io.backstory.followups;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows down guessing of check-in links: a client address that used {@value #MAX_BAD} wrong, used or expired tokens
 * within {@link #WINDOW} is refused every check-in request until the window passes. The failures are rows in
 * {@code check_in_attempt}, so every app node behind the load balancer sees the same count (a per-node memory let
 * a scanner try {@value #MAX_BAD} tokens on each node) and a restart forgets nothing. With 256-bit tokens guessing
 * cannot succeed anyway; this keeps a scanner from loading the database and the audit trail.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class CheckInThrottle {

    static final int MAX_BAD = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** A wrong token belongs to no clinic: its rows carry the "no clinic" key, as the audit trail's do. */
    private static final long NO_CLINIC = 0;

    private final JdbcClient jdbc;
    private final Clock clock;

    boolean blocked(String client) {
        Instant since = clock.instant().minus(WINDOW);
        return jdbc.sql("select count(*) from check_in_attempt where clinic_id = ? and client_address = ? and failed_at > ?")
                .params(NO_CLINIC, key(client), Timestamp.from(since)).query(Long.class).single() >= MAX_BAD;
    }

    /** Records one bad token; commits on its own (autocommit), as the page's request has no transaction. */
    void recordBad(String client) {
        Instant now = clock.instant();
        jdbc.sql("delete from check_in_attempt where clinic_id = ? and failed_at < ?")
                .params(NO_CLINIC, Timestamp.from(now.minus(WINDOW).minus(Duration.ofDays(1)))).update();
        jdbc.sql("insert into check_in_attempt (clinic_id, client_address, failed_at) values (?, ?, ?)")
                .params(NO_CLINIC, key(client), Timestamp.from(now)).update();
    }

    private static String key(String client) {
        String c = client == null || client.isBlank() ? "unknown" : client;
        return c.substring(0, Math.min(c.length(), 64));
    }
}
