package io.backstory.security;

import io.backstory.base.UserFacingException;
import io.backstory.base.RecordNotFoundException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Multi-factor sign-in (DESIGN §8): a TOTP authenticator (RFC 6238, any authenticator app) and ten
 * single-use recovery codes. Required for the roles in {@code backstory.security.mfa.required-roles}
 * (owner and admin) outside demo mode, optional for everyone else. Secrets are encrypted at rest and
 * never logged; an accepted code can never be used again.
 */
@Service
public class SecondFactorService {

    static final int RECOVERY_CODES = 10;
    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final String ISSUER = "Backstory";

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final CurrentUser currentUser;
    private final AuditLog auditLog;
    private final UserAccountService accounts;
    private final Clock clock;
    private final Set<Role> requiredRoles;
    private final SecureRandom random = new SecureRandom();

    SecondFactorService(JdbcClient jdbc, SecretCipher cipher, CurrentUser currentUser, AuditLog auditLog, UserAccountService accounts,
                        Clock clock, @Value("${backstory.security.mfa.required-roles:OWNER,ADMIN}") List<String> requiredRoles,
                        @Value("${backstory.demo.enabled:false}") boolean demo) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.currentUser = currentUser;
        this.auditLog = auditLog;
        this.accounts = accounts;
        this.clock = clock;
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        if (!demo) { // demo mode: anyone may try it, nobody is made to
            requiredRoles.stream().map(String::strip).filter(s -> !s.isEmpty()).map(s -> Role.valueOf(s.toUpperCase(Locale.ROOT))).forEach(roles::add);
        }
        this.requiredRoles = roles;
    }

    /** A fresh secret to show at enrolment; nothing is stored until a code from it is confirmed. */
    public record Enrolment(String secret, String otpauthUri) {
    }

    /** What a right password still needs before the sign-in (browser or API) completes. */
    enum Step {
        /** No authenticator and the role needs none: signed in. */
        NONE,
        /** An authenticator is set up: its current code. */
        CODE,
        /** The role needs an authenticator and none is set up yet: set one up first. */
        ENROL
    }

    /**
     * The one decision the sign-in gate and the API filter share: a user with an authenticator always
     * gives its code; without one, only the roles that require a second factor must enrol.
     */
    Step nextStep(BackstoryUser user) {
        if (enrolled(user.userId())) {
            return Step.CODE;
        }
        return requiredForRoles(user.roles()) ? Step.ENROL : Step.NONE;
    }

    public boolean requiredForRoles(Set<Role> roles) {
        return roles.stream().anyMatch(requiredRoles::contains);
    }

    boolean enrolled(long userId) {
        return jdbc.sql("select count(*) from mfa_factor where user_account_id = ?").param(userId).query(Long.class).single() > 0;
    }

    Enrolment newEnrolment(String username) {
        byte[] key = new byte[20]; // 160 bits, RFC 4226's recommended key length for HMAC-SHA1
        random.nextBytes(key);
        String secret = Base32.encode(key);
        String label = URLEncoder.encode(ISSUER + ":" + username, StandardCharsets.UTF_8).replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER + "&algorithm=SHA1&digits="
                + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
        return new Enrolment(secret, uri);
    }

    /**
     * Stores the authenticator once a code from it is right, replacing any earlier one, and returns the
     * ten recovery codes (shown once). The code's step counts as used.
     */
    @Transactional
    List<String> confirm(BackstoryUser user, String secret, String code) {
        byte[] key = Base32.decode(secret);
        OptionalLong step = Totp.matchingStep(key, code == null ? null : code.strip(), clock.instant(), 0);
        if (step.isEmpty()) {
            throw new UserFacingException("error.mfa.code");
        }
        jdbc.sql("delete from mfa_recovery_code where user_account_id = ?").param(user.userId()).update();
        jdbc.sql("delete from mfa_factor where user_account_id = ?").param(user.userId()).update();
        jdbc.sql("insert into mfa_factor (user_account_id, clinic_id, secret_cipher, last_used_step, enrolled_at) values (?, ?, ?, ?, ?)")
                .params(user.userId(), user.clinicId(), cipher.encrypt(key), step.getAsLong(), Timestamp.from(clock.instant())).update();
        Arrays.fill(key, (byte) 0);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String recovery = recoveryCode();
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            jdbc.sql("insert into mfa_recovery_code (clinic_id, user_account_id, salt, code_hash) values (?, ?, ?, ?)")
                    .params(user.clinicId(), user.userId(), HexFormat.of().formatHex(salt), hash(salt, recovery)).update();
            codes.add(recovery);
        }
        auditLog.insert(user.clinicId(), user.getUsername(), AuditLog.Action.MFA_ENROLL, "user_account", String.valueOf(user.userId()));
        return codes;
    }

    /** The signed-in user sets up an authenticator from their account page (optional for therapists). */
    @Transactional
    public List<String> confirmOwn(String secret, String code) {
        return confirm(currentUser.require(), secret, code);
    }

    public Enrolment newOwnEnrolment() {
        return newEnrolment(currentUser.require().getUsername());
    }

    /**
     * A code from the authenticator (±1 step, never one already used) or an unused recovery code.
     * The row is locked while checking, so the same code sent twice at once is accepted once.
     */
    @Transactional
    boolean verify(BackstoryUser user, String code) {
        return verify(user, code, true);
    }

    /**
     * A current code from the authenticator only (±1 step, never one already used), for the report API: recovery
     * codes are for a lost phone, and a script spending one per call would use them up unnoticed.
     */
    @Transactional
    boolean verifyAuthenticatorCode(BackstoryUser user, String code) {
        return verify(user, code, false);
    }

    private boolean verify(BackstoryUser user, String code, boolean recoveryCodes) {
        String typed = code == null ? "" : code.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        Optional<Factor> factor = jdbc.sql("select secret_cipher, last_used_step from mfa_factor where user_account_id = ? for update")
                .param(user.userId()).query((rs, n) -> new Factor(rs.getString(1), rs.getLong(2))).optional();
        if (factor.isEmpty()) {
            return false;
        }
        if (typed.matches("\\d{" + Totp.DIGITS + "}")) {
            byte[] key = cipher.decrypt(factor.get().cipher());
            OptionalLong step = Totp.matchingStep(key, typed, clock.instant(), factor.get().lastUsedStep());
            Arrays.fill(key, (byte) 0);
            if (step.isPresent()) {
                jdbc.sql("update mfa_factor set last_used_step = ? where user_account_id = ?").params(step.getAsLong(), user.userId()).update();
                return true;
            }
        } else if (recoveryCodes && useRecoveryCode(user.userId(), typed)) {
            return true;
        }
        auditLog.insert(user.clinicId(), user.getUsername(), AuditLog.Action.MFA_FAILED, "user_account", String.valueOf(user.userId()));
        return false;
    }

    private boolean useRecoveryCode(long userId, String typed) {
        String normalised = typed.replace("-", "");
        if (normalised.length() != 10) {
            return false;
        }
        List<RecoveryRow> rows = jdbc.sql("select id, salt, code_hash from mfa_recovery_code where user_account_id = ? and used_at is null")
                .param(userId).query((rs, n) -> new RecoveryRow(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        for (RecoveryRow row : rows) {
            if (MessageDigest.isEqual(hash(HexFormat.of().parseHex(row.salt()), normalised).getBytes(StandardCharsets.US_ASCII),
                    row.hash().getBytes(StandardCharsets.US_ASCII))) {
                return jdbc.sql("update mfa_recovery_code set used_at = ? where id = ? and used_at is null")
                        .params(Timestamp.from(clock.instant()), row.id()).update() == 1;
            }
        }
        return false;
    }

    /** Unused recovery codes of the signed-in user (the account page warns when few are left). */
    @Transactional(readOnly = true)
    public int ownRecoveryCodesLeft() {
        return jdbc.sql("select count(*) from mfa_recovery_code where user_account_id = ? and used_at is null")
                .param(currentUser.require().userId()).query(Long.class).single().intValue();
    }

    /**
     * An admin removes someone's authenticator (a lost phone): their sessions end, and at their next
     * sign-in they set up a new one if their role requires it.
     */
    @Transactional
    public void reset(long userId) {
        long clinicId = currentUser.requireAnyRole(Role.ADMIN).clinicId();
        long found = jdbc.sql("select count(*) from user_account where id = ? and clinic_id = ?").params(userId, clinicId)
                .query(Long.class).single();
        if (found == 0) {
            throw new RecordNotFoundException("Account", userId);
        }
        jdbc.sql("delete from mfa_recovery_code where user_account_id = ?").param(userId).update();
        jdbc.sql("delete from mfa_factor where user_account_id = ?").param(userId).update();
        accounts.endSessions(userId);
        auditLog.record(AuditLog.Action.MFA_RESET, "user_account", userId);
    }

    /** Ten characters from an alphabet without look-alikes (no 0/o, 1/l/i), shown as xxxxx-xxxxx. */
    private String recoveryCode() {
        StringBuilder code = new StringBuilder(11);
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                code.append('-');
            }
            code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
        }
        return code.toString();
    }

    private static String hash(byte[] salt, String code) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return HexFormat.of().formatHex(sha.digest(code.replace("-", "").getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private record Factor(String cipher, long lastUsedStep) {
    }

    private record RecoveryRow(long id, String salt, String hash) {
    }
}
