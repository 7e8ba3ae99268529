package io.backstory.security;

import io.backstory.base.UserFacingException.Problem;
import io.backstory.base.UserFacingException;
import io.backstory.base.PlainText;
import io.backstory.base.RecordNotFoundException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts and their life cycle (DESIGN §8): created by an admin with a single-use setup link, reset,
 * unlocked, deactivated and reactivated, roles changed; everyone changes their own password. The only
 * place passwords are hashed, and every password passes {@link PasswordPolicy}. Each admin action is
 * checked here (role and clinic), audited, and ends the person's live sessions where it takes rights away.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class UserAccountService {

    /** {@code user_account.username}, {@code display_name} and {@code email} columns (V1__clinical_model.sql, V8__people.sql). */
    public static final int USERNAME_MAX_LENGTH = 60;
    public static final int DISPLAY_NAME_MAX_LENGTH = 120;
    public static final int EMAIL_MAX_LENGTH = 254;
    private static final String USERNAME_RULE = "[a-z0-9._-]{3," + USERNAME_MAX_LENGTH + "}";
    private static final String EMAIL_RULE = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final CurrentUser currentUser;
    private final AuditLog auditLog;
    private final SetupLinkTokens setupLinks;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final SecureRandom random = new SecureRandom();

    /**
     * The first accounts of a new clinic, before anyone can sign in to it (the production bootstrap
     * and the demo seeder). Refused once the clinic has any account, so it cannot be used to slip
     * extra accounts into a live clinic.
     */
    @Transactional
    public List<UserSummary> createFirstUsers(long clinicId, List<NewUser> newUsers) {
        if (!accounts.findByClinicIdOrderByDisplayName(clinicId).isEmpty()) {
            throw new IllegalStateException("Clinic " + clinicId + " already has accounts: add users as its admin");
        }
        return newUsers.stream().map(u -> create(clinicId, u.username(), u.displayName(), u.rawPassword(), u.roles())).toList();
    }

    public record NewUser(String username, String displayName, String rawPassword, Set<Role> roles) {
    }

    private UserSummary create(long clinicId, String username, String displayName, String rawPassword, Set<Role> roles) {
        List<Problem> problems = accountProblems(username, displayName, null, roles);
        problems.addAll(passwordPolicy.problems(Problem.text("error.field.password"), rawPassword, username));
        throwIfAny(problems);
        UserAccount account = new UserAccount(clinicId, username, displayName.strip(), passwordEncoder.encode(rawPassword), roles);
        account.created(clock.instant());
        return summary(accounts.save(account));
    }

    @Transactional(readOnly = true)
    public boolean anyUserExists() {
        return accounts.count() > 0;
    }

    /** The signed-in user's colleagues, for therapist pickers and reports (deactivated ones too: history keeps their name). */
    @Transactional(readOnly = true)
    public List<UserSummary> clinicUsers() {
        return accounts.findByClinicIdOrderByDisplayName(currentUser.clinicId()).stream().map(UserAccountService::summary).toList();
    }

    static UserSummary summary(UserAccount a) {
        return new UserSummary(a.getId(), a.getClinicId(), a.getUsername(), a.getDisplayName(), Set.copyOf(a.getRoles()), a.isEnabled());
    }

    // --- People (admin) ---------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<PersonRow> people() {
        long clinicId = currentUser.requireAnyRole(Role.ADMIN).clinicId();
        Set<Long> withFactor = new HashSet<>(jdbc.sql("select user_account_id from mfa_factor where clinic_id = ?")
                .param(clinicId).query(Long.class).list());
        Instant now = clock.instant();
        return accounts.findByClinicIdOrderByDisplayName(clinicId).stream()
                .map(a -> new PersonRow(a.getId(), a.getUsername(), a.getDisplayName(), a.getEmail(), a.getRoles(),
                        status(a, now), a.getLastSignInAt(), withFactor.contains(a.getId()), a.getVersion()))
                .toList();
    }

    /** Adds a colleague with no usable password and returns the link where they choose one. */
    @Transactional
    public SetupLink createAccount(NewAccountCommand command) {
        BackstoryUser admin = currentUser.requireAnyRole(Role.ADMIN);
        String email = blankToNull(command.email());
        throwIfAny(accountProblems(command.username(), command.displayName(), email, command.roles()));
        UserAccount saved = accounts.save(UserAccount.invited(admin.clinicId(), command.username(), command.displayName().strip(),
                email, unusablePasswordHash(), command.roles(), clock.instant()));
        auditLog.record(AuditLog.Action.CREATE, "user_account", saved.getId(), "roles: " + roleNames(command.roles()));
        return link(saved);
    }

    /**
     * A new setup link. For someone who had a password this is a reset: the old password stops working
     * and their live sessions end now (the admin may be reacting to a lost phone or a shared password).
     */
    @Transactional
    public SetupLink resetPassword(long userId) {
        UserAccount account = managed(userId);
        if (!account.isEnabled()) {
            throw new UserFacingException("error.account.reactivate", account.getDisplayName());
        }
        boolean hadPassword = account.getPasswordSetAt() != null;
        account.clearPassword(unusablePasswordHash());
        account.endSessions();
        auditLog.record(hadPassword ? AuditLog.Action.PASSWORD_RESET : AuditLog.Action.SETUP_LINK, "user_account", userId);
        return link(account);
    }

    /**
     * Lifts a lockout after too many failed sign-ins (the person may otherwise wait for it to expire) and
     * clears the account's recent failures, so the next sign-in is not delayed either. The one unlock path.
     */
    @Transactional
    public void unlock(long userId) {
        UserAccount account = managed(userId);
        account.unlock();
        throttle.cleared(account.getUsername());
        auditLog.record(AuditLog.Action.UNLOCK, "user_account", userId);
    }

    /** Sign-in refused from now on and every live session ended; the name stays on every record they made. */
    @Transactional
    public void deactivate(long userId) {
        BackstoryUser admin = currentUser.requireAnyRole(Role.ADMIN);
        UserAccount account = managed(userId);
        if (!account.isEnabled()) {
            return;
        }
        if (account.getId() == admin.userId()) {
            throw new UserFacingException("error.account.own");
        }
        if (account.getRoles().contains(Role.ADMIN)) {
            requireAnotherAdmin(account);
        }
        account.deactivate(clock.instant());
        account.endSessions();
        setupLinks.revokeAll(userId);
        auditLog.record(AuditLog.Action.DEACTIVATE, "user_account", userId);
    }

    @Transactional
    public void reactivate(long userId) {
        UserAccount account = managed(userId);
        if (account.isEnabled()) {
            return;
        }
        account.reactivate();
        auditLog.record(AuditLog.Action.REACTIVATE, "user_account", userId);
    }

    /** A changed set of roles; the person signs in again to get it (their live sessions end). */
    @Transactional
    public void changeRoles(long userId, Set<Role> roles) {
        UserAccount account = managed(userId);
        if (roles == null || roles.isEmpty()) {
            throw new UserFacingException("error.account.roles");
        }
        Set<Role> before = account.getRoles();
        if (before.equals(roles)) {
            return;
        }
        if (before.contains(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
            requireAnotherAdmin(account);
        }
        account.changeRoles(roles);
        account.endSessions();
        auditLog.record(AuditLog.Action.UPDATE, "user_account", userId, "roles: " + roleNames(before) + " → " + roleNames(roles));
    }

    @Transactional
    public void changeDetails(long userId, String displayName, @Nullable String email) {
        UserAccount account = managed(userId);
        String cleanEmail = blankToNull(email);
        List<Problem> problems = new ArrayList<>();
        displayNameProblems(displayName, problems);
        emailProblems(cleanEmail, problems);
        throwIfAny(problems);
        account.changeDetails(displayName.strip(), cleanEmail);
        auditLog.record(AuditLog.Action.UPDATE, "user_account", userId, "name or email");
    }

    /** An account of the admin's own clinic; another clinic's behaves as missing. */
    private UserAccount managed(long userId) {
        long clinicId = currentUser.requireAnyRole(Role.ADMIN).clinicId();
        return accounts.findByIdAndClinicId(userId, clinicId).orElseThrow(() -> new RecordNotFoundException("Account", userId));
    }

    /**
     * The last admin who can sign in can be neither demoted nor deactivated, or the clinic could never
     * be administered again. The clinic's admin rows are locked first, so two admins removing each
     * other at the same moment cannot both succeed.
     */
    private void requireAnotherAdmin(UserAccount leaving) {
        List<Long> admins = jdbc.sql("""
                select a.id from user_account a
                where a.clinic_id = ? and a.enabled and a.password_set_at is not null
                  and exists (select 1 from user_role r where r.user_account_id = a.id and r.role = 'ADMIN')
                order by a.id for update
                """).param(leaving.getClinicId()).query(Long.class).list();
        if (admins.stream().noneMatch(id -> id != leaving.getId())) {
            throw new UserFacingException("error.account.lastAdmin", leaving.getDisplayName());
        }
    }

    // --- Own account (everyone) ---------------------------------------------------------------------

    /** The signed-in person's own account, as the people list would show it. */
    @Transactional(readOnly = true)
    public PersonRow ownAccount() {
        BackstoryUser user = currentUser.require();
        UserAccount a = accounts.findById(user.userId()).orElseThrow(() -> new RecordNotFoundException("Account", user.userId()));
        boolean factor = jdbc.sql("select count(*) from mfa_factor where user_account_id = ?").param(a.getId()).query(Long.class).single() > 0;
        return new PersonRow(a.getId(), a.getUsername(), a.getDisplayName(), a.getEmail(), a.getRoles(), status(a, clock.instant()),
                a.getLastSignInAt(), factor, a.getVersion());
    }

    /** The languages the app is translated into (a bundle per language under vaadin-i18n). */
    public static final List<String> LANGUAGES = List.of("en", "es");

    /** The signed-in person's chosen language tag, empty when they follow their browser's (or nobody is signed in). */
    @Transactional(readOnly = true)
    public Optional<String> ownLanguage() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof BackstoryUser user)) {
            return Optional.empty();
        }
        return jdbc.sql("select language from user_account where id = ?").param(user.userId())
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(o -> o);
    }

    /** Null or blank: follow the browser. Anything else must be one of {@link #LANGUAGES}. */
    @Transactional
    public void changeOwnLanguage(@Nullable String language) {
        BackstoryUser user = currentUser.require();
        String clean = blankToNull(language);
        if (clean != null && !LANGUAGES.contains(clean)) {
            throw new UserFacingException("error.account.language", String.valueOf(LANGUAGES));
        }
        jdbc.sql("update user_account set language = ? where id = ?").params(clean, user.userId()).update();
        auditLog.record(AuditLog.Action.UPDATE, "user_account", user.userId(), "language: " + (clean == null ? "browser" : clean));
    }

    /** Current password required; every other session of the account ends, this one carries on. */
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        BackstoryUser user = currentUser.require();
        UserAccount account = accounts.findById(user.userId()).orElseThrow(() -> new AccessDeniedException("No account"));
        List<Problem> problems = new ArrayList<>();
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, account.getPasswordHash())) {
            problems.add(new Problem("error.account.currentPassword"));
        }
        problems.addAll(passwordPolicy.problems(Problem.text("error.field.newPassword"), newPassword, account.getUsername()));
        if (problems.isEmpty() && newPassword.equals(currentPassword)) {
            problems.add(new Problem("error.account.samePassword"));
        }
        throwIfAny(problems);
        account.setPassword(passwordEncoder.encode(newPassword), clock.instant());
        account.endSessions();
        currentUser.replacePrincipal(user.withSessionEpoch(account.getSessionEpoch()));
        auditLog.record(AuditLog.Action.PASSWORD_SET, "user_account", account.getId());
    }

    /** The last sign-in attempts on the signed-in person's account, newest first. */
    @Transactional(readOnly = true)
    public List<SignInRecord> recentSignIns(int limit) {
        BackstoryUser user = currentUser.require();
        return jdbc.sql("""
                select occurred_at, action, client_address from audit_event
                where username = ? and clinic_id in (?, ?) and action in ('LOGIN', 'LOGIN_FAILED', 'MFA_FAILED')
                order by occurred_at desc, id desc
                """).params(user.getUsername(), user.clinicId(), AuditLog.NO_CLINIC)
                .query((rs, n) -> new SignInRecord(rs.getTimestamp(1).toInstant(), AuditLog.Action.valueOf(rs.getString(2)), rs.getString(3)))
                .stream().limit(Math.max(1, Math.min(limit, 50))).toList();
    }

    // --- Setup links (anonymous: the person is not signed in yet) ------------------------------------

    /** Whose link this is while it is valid; empty for unknown, used and expired links alike. */
    @Transactional(readOnly = true)
    public Optional<SetupInvitation> invitation(String token) {
        return setupLinks.peek(token).flatMap(t -> accounts.findByUsername(t.getUsername())
                .map(a -> new SetupInvitation(a.getUsername(), a.getDisplayName(), a.getLastSignInAt() == null, t.getExpiresAt())));
    }

    /**
     * Sets the person's chosen password and uses the link up. The password is checked before the link
     * is used, so a refused password leaves the link working for the next try.
     */
    @Transactional
    public String completeSetup(String token, String password) {
        OneTimeToken valid = setupLinks.peek(token)
                .orElseThrow(() -> new UserFacingException("error.account.link"));
        passwordPolicy.require(Problem.text("error.field.password"), password, valid.getUsername());
        OneTimeToken used = setupLinks.consume(OneTimeTokenAuthenticationToken.unauthenticated(token));
        if (used == null) {
            throw new UserFacingException("error.account.link");
        }
        UserAccount account = accounts.findByUsername(used.getUsername()).orElseThrow();
        account.setPassword(passwordEncoder.encode(password), clock.instant());
        account.endSessions();
        auditLog.insert(account.getClinicId(), account.getUsername(), AuditLog.Action.PASSWORD_SET, "user_account", String.valueOf(account.getId()));
        return account.getUsername();
    }

    // --- Sign-in bookkeeping ----------------------------------------------------------------------

    /**
     * The account as the password check sees it (the app's {@code UserDetailsService}, see {@code SecurityConfig}):
     * its roles are read inside this transaction, and an account whose throttle lock has not run out yet is locked.
     */
    @Transactional(readOnly = true)
    BackstoryUser signInUser(String username) {
        UserAccount a = accounts.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException("Unknown user"));
        return new BackstoryUser(a.getId(), a.getClinicId(), a.getUsername(), a.getDisplayName(), a.getRoles(),
                a.getPasswordHash(), a.isEnabled(), a.isLockedAt(clock.instant()), a.getSessionEpoch());
    }

    /** A completed sign-in (after the second factor, where there is one): shown as "last sign-in". */
    @Transactional
    void recordSignIn(long userId) {
        accounts.findById(userId).ifPresent(a -> a.signedIn(clock.instant()));
    }

    /** Raises the account's session epoch: every session signed in before now ends at its next request. */
    @Transactional
    void endSessions(long userId) {
        accounts.findById(userId).ifPresent(UserAccount::endSessions);
    }

    // --- helpers ------------------------------------------------------------------------------------

    private SetupLink link(UserAccount account) {
        OneTimeToken token = setupLinks.generate(new GenerateOneTimeTokenRequest(account.getUsername(), SetupLinkTokens.VALIDITY));
        return new SetupLink(account.getId(), account.getUsername(), account.getDisplayName(), token.getTokenValue(), token.getExpiresAt());
    }

    private List<Problem> accountProblems(String username, String displayName, @Nullable String email, Set<Role> roles) {
        List<Problem> problems = new ArrayList<>();
        if (username == null || !username.matches(USERNAME_RULE)) {
            problems.add(new Problem("error.account.username"));
        } else if (accounts.findByUsername(username).isPresent()) {
            problems.add(new Problem("error.account.usernameTaken", username));
        }
        displayNameProblems(displayName, problems);
        emailProblems(email, problems);
        if (roles == null || roles.isEmpty()) {
            problems.add(new Problem("error.account.roles"));
        }
        return problems;
    }

    private static void displayNameProblems(@Nullable String displayName, List<Problem> problems) {
        if (displayName == null || displayName.isBlank()) {
            problems.add(new Problem("error.account.displayName"));
        } else if (displayName.strip().length() > DISPLAY_NAME_MAX_LENGTH) {
            problems.add(UserFacingException.tooLong(Problem.text("error.field.displayName"), DISPLAY_NAME_MAX_LENGTH,
                    displayName.strip().length()));
        }
        PlainText.problem(Problem.text("error.field.displayName"), displayName).ifPresent(problems::add);
    }

    private static void emailProblems(@Nullable String email, List<Problem> problems) {
        if (email != null && email.length() > EMAIL_MAX_LENGTH) {
            problems.add(UserFacingException.tooLong(Problem.text("error.field.email"), EMAIL_MAX_LENGTH, email.length()));
        } else if (email != null && !email.matches(EMAIL_RULE)) {
            problems.add(new Problem("error.account.email"));
        }
    }

    private static AccountStatus status(UserAccount a, Instant now) {
        if (!a.isEnabled()) {
            return AccountStatus.DEACTIVATED;
        }
        if (a.getPasswordSetAt() == null) {
            return AccountStatus.INVITED;
        }
        return a.isLockedAt(now) ? AccountStatus.LOCKED : AccountStatus.ACTIVE;
    }

    /** The hash of 32 random bytes nobody ever sees: no password can match it, and bcrypt still runs its full cost. */
    private String unusablePasswordHash() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return passwordEncoder.encode(Base64.getEncoder().encodeToString(raw).substring(0, 40));
    }

    private static String roleNames(Set<Role> roles) {
        return roles.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new)).toString();
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void throwIfAny(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new UserFacingException(problems);
        }
    }
}
