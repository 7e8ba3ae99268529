package io.backstory.followups;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Personal check-in links (DESIGN §9): 256 random bits, URL-safe, of which only the SHA-256 is stored, so a reader
 * of the database cannot answer for a patient; with that much randomness a hash needs no salt. The URL carries the
 * token and nothing else: no patient, episode or check-in id.
 */
@Component
class CheckInLinks {

    /** Long enough for the invitation and both reminders (+3, +7 days) with time to spare. */
    static final Duration VALIDITY = Duration.ofDays(30);

    /** Tokens are 43 URL-safe characters; anything else is refused before the database is asked. */
    static final int TOKEN_LENGTH = 43;

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    CheckInLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

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
