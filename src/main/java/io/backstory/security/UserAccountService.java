package io.backstory.security;

import java.util.List;
import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and lists user accounts; the only place passwords are hashed. */
@Service
public class UserAccountService {

    /** ASVS 2.1.1: at least 12 characters; no composition rules, which push users to weaker passwords. */
    static final int MIN_PASSWORD_LENGTH = 12;

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final CurrentUser currentUser;

    UserAccountService(UserAccountRepository accounts, PasswordEncoder passwordEncoder, CurrentUser currentUser) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.currentUser = currentUser;
    }

    /** A clinic's admin adds a colleague to their own clinic. */
    @Transactional
    public UserSummary createUser(String username, String displayName, String rawPassword, Set<Role> roles) {
        BackstoryUser admin = currentUser.requireAnyRole(Role.ADMIN);
        return create(admin.clinicId(), username, displayName, rawPassword, roles);
    }

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
        if (username == null || !username.matches("[a-z0-9._-]{3,60}")) {
            throw new IllegalArgumentException("Username: 3 to 60 lower-case letters, digits, '.', '_' or '-'");
        }
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("Display name: required");
        }
        if (rawPassword == null || rawPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("Password: at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("Roles: at least one role");
        }
        if (accounts.findByUsername(username).isPresent()) {
            throw new IllegalArgumentException("Username: '" + username + "' is already taken");
        }
        UserAccount saved = accounts.save(new UserAccount(clinicId, username, displayName.strip(),
                passwordEncoder.encode(rawPassword), roles));
        return summary(saved);
    }

    @Transactional(readOnly = true)
    public boolean anyUserExists() {
        return accounts.count() > 0;
    }

    /** The signed-in user's colleagues, for therapist pickers and reports. */
    @Transactional(readOnly = true)
    public List<UserSummary> clinicUsers() {
        return accounts.findByClinicIdOrderByDisplayName(currentUser.clinicId()).stream().map(UserAccountService::summary).toList();
    }

    static UserSummary summary(UserAccount a) {
        return new UserSummary(a.getId(), a.getClinicId(), a.getUsername(), a.getDisplayName(), Set.copyOf(a.getRoles()));
    }
}
