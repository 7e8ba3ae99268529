package io.backstory.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.ott.DefaultOneTimeToken;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Single-use setup and reset links on Spring Security's one-time-token contract. Unlike Spring's
 * JdbcOneTimeTokenService, which keeps the token itself, only its SHA-256 is stored (a database reader
 * cannot use a link); 256 random bits make the hash safe without a salt. A new link for an account
 * voids its older ones.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class SetupLinkTokens implements OneTimeTokenService {

    /** Long enough to hand a link over at the end of a working day and have it used after a weekend. */
    static final Duration VALIDITY = Duration.ofHours(72);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Override
    @Transactional
    public OneTimeToken generate(GenerateOneTimeTokenRequest request) {
        Instant now = clock.instant();
        Account account = account(request.getUsername())
                .orElseThrow(() -> new IllegalArgumentException("Username: no such account"));
        jdbc.sql("update account_token set used_at = ? where user_account_id = ? and used_at is null")
                .params(Timestamp.from(now), account.id()).update();
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant expires = now.plus(request.getExpiresIn());
        jdbc.sql("insert into account_token (clinic_id, user_account_id, token_hash, created_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(account.clinicId(), account.id(), hash(token), Timestamp.from(now), Timestamp.from(expires)).update();
        return new DefaultOneTimeToken(token, request.getUsername(), expires);
    }

    /** Uses the token up; null when it is unknown, used or expired (all three look the same to the caller). */
    @Override
    @Transactional
    public @Nullable OneTimeToken consume(OneTimeTokenAuthenticationToken authenticationToken) {
        String token = authenticationToken.getTokenValue();
        Optional<Valid> valid = find(token);
        if (valid.isEmpty()) {
            return null;
        }
        int used = jdbc.sql("update account_token set used_at = ? where id = ? and used_at is null")
                .params(Timestamp.from(clock.instant()), valid.get().tokenId()).update();
        return used == 1 ? new DefaultOneTimeToken(token, valid.get().username(), valid.get().expiresAt()) : null;
    }

    /** The account a still-valid token is for, without using it up (the page shows whose link it is). */
    @Transactional(readOnly = true)
    public Optional<OneTimeToken> peek(String token) {
        return find(token).map(v -> new DefaultOneTimeToken(token, v.username(), v.expiresAt()));
    }

    /** Voids every open link of an account (deactivation). */
    @Transactional
    public void revokeAll(long userId) {
        jdbc.sql("update account_token set used_at = ? where user_account_id = ? and used_at is null")
                .params(Timestamp.from(clock.instant()), userId).update();
    }

    private Optional<Valid> find(@Nullable String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select t.id, a.username, t.expires_at from account_token t join user_account a on a.id = t.user_account_id
                where t.token_hash = ? and t.used_at is null and t.expires_at > ? and a.enabled
                """).params(hash(token), Timestamp.from(clock.instant()))
                .query((rs, n) -> new Valid(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant())).optional();
    }

    private Optional<Account> account(String username) {
        return jdbc.sql("select id, clinic_id from user_account where username = ?").param(username)
                .query((rs, n) -> new Account(rs.getLong(1), rs.getLong(2))).optional();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private record Account(long id, long clinicId) {
    }

    private record Valid(long tokenId, String username, Instant expiresAt) {
    }
}
