package io.backstory.followups;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Personal check-in links (DESIGN §9): 256 random bits, URL-safe, of which only the SHA-256 is stored, so a reader
 * of the database cannot answer for a patient; with that much randomness a hash needs no salt. The URL carries the
 * token and nothing else: no patient, episode or check-in id. The one place that reads and writes the
 * {@code check_in_link} table: links are created here, found by their token and marked used.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class CheckInLinks {

    /** Long enough for the invitation and both reminders (+3, +7 days) with time to spare. */
    static final Duration VALIDITY = Duration.ofDays(30);

    /** Tokens are 43 URL-safe characters; anything else is refused before the database is asked. */
    static final int TOKEN_LENGTH = 43;

    /**
     * A valid link as stored: its check-in, the episode the check-in belongs to, whether the link was used and
     * whether the check-in is still pending (it may have been completed by a call).
     */
    record Stored(long id, long clinicId, long followUpId, long episodeId, boolean used, boolean pending) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** Stores a new link for the check-in and returns its token (the only time it exists in clear). */
    String create(long clinicId, long followUpId, Instant now) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("insert into check_in_link (clinic_id, follow_up_id, token_hash, created_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(clinicId, followUpId, hash(token), OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                        OffsetDateTime.ofInstant(now.plus(VALIDITY), ZoneOffset.UTC))
                .update();
        return token;
    }

    /**
     * The link of the token, unless it is malformed, unknown or expired. With {@code lock} the link's row is locked
     * first, so concurrent submissions of one link take turns (PostgreSQL and H2 both lock the row).
     */
    Optional<Stored> find(String token, boolean lock) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        if (lock) {
            jdbc.sql("select id from check_in_link where token_hash = ? for update").param(hash(token)).query(Long.class).optional();
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        record Row(Stored link, OffsetDateTime expiresAt) {
        }
        return jdbc.sql("""
                        select l.id, l.clinic_id, l.follow_up_id, f.episode_id, l.expires_at, l.used_at, f.status
                        from check_in_link l
                        join follow_up f on f.id = l.follow_up_id and f.clinic_id = l.clinic_id
                        where l.token_hash = ?""")
                .param(hash(token))
                .query((rs, n) -> new Row(new Stored(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getObject(6) != null,
                        FollowUpStatus.PENDING.name().equals(rs.getString(7))), rs.getObject(5, OffsetDateTime.class)))
                .optional().filter(r -> r.expiresAt().isAfter(now)).map(Row::link);
    }

    /** The link answered its check-in: it cannot answer again. */
    void markUsed(Stored link) {
        jdbc.sql("update check_in_link set used_at = ? where clinic_id = ? and id = ?")
                .params(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), link.clinicId(), link.id()).update();
    }

    static boolean wellFormed(String token) {
        return token.length() == TOKEN_LENGTH && token.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
