package io.backstory.security;

import static io.backstory.security.TestAccounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.BackstoryTest;
import io.backstory.OwnClinic;
import io.backstory.base.RecordNotFoundException;
import io.backstory.clinic.ClinicService;
import io.backstory.clinic.ClinicSummary;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Issue 11, people: setup links, resets, unlock, deactivation ending sessions, roles, the last admin, own password. */
@BackstoryTest
class PeopleAdministrationTest {

    private static final String NEW_PASSWORD = "kettle orbit lantern mosaic";

    @Autowired
    UserAccountService accounts;
    @Autowired
    ClinicService clinics;
    @Autowired
    LiveSessions liveSessions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwordEncoder;

    @RegisterExtension
    final OwnClinic clinic = OwnClinic.named("Clinic").with("Ada Admin", Role.ADMIN).with("Theo Therapist", Role.THERAPIST)
            .signedInAs(Role.ADMIN);

    private PersonRow person(String username) {
        return accounts.people().stream().filter(p -> p.username().equals(username)).findFirst().orElseThrow();
    }

    private String hash(String username) {
        return jdbc.sql("select password_hash from user_account where username = ?").param(username).query(String.class).single();
    }

    @Test
    void shouldCreateAnAccountThatWaitsForItsSetupLinkAndStoresOnlyTheLinksHash() {
        String username = "new-" + UUID.randomUUID().toString().substring(0, 6);
        SetupLink link = accounts.createAccount(new NewAccountCommand(username, "Nia New", "nia@example.org", Set.of(Role.THERAPIST)));

        assertThat(person(username).status()).isEqualTo(AccountStatus.INVITED);
        assertThat(link.expiresAt()).isAfter(java.time.Instant.now().plus(java.time.Duration.ofHours(71)));
        assertThat(jdbc.sql("select count(*) from account_token where token_hash = ?").param(link.token()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from account_token where token_hash = ?").param(SetupLinkTokens.hash(link.token()))
                .query(Long.class).single()).isOne();
        assertThat(passwordEncoder.matches("", hash(username))).isFalse();
    }

    @Test
    void shouldLetTheLinkSetAPasswordOnceAndKeepItWorkingAfterARefusedPassword() {
        String username = "new-" + UUID.randomUUID().toString().substring(0, 6);
        SetupLink link = accounts.createAccount(new NewAccountCommand(username, "Nia New", null, Set.of(Role.THERAPIST)));
        clinic.signOut();

        assertThat(accounts.invitation(link.token())).hasValueSatisfying(i -> assertThat(i.displayName()).isEqualTo("Nia New"));
        assertThatThrownBy(() -> accounts.completeSetup(link.token(), "password1234"))
                .hasMessageStartingWith("Password: this password is on a list of common or leaked passwords");
        assertThat(accounts.completeSetup(link.token(), NEW_PASSWORD)).isEqualTo(username);

        assertThat(passwordEncoder.matches(NEW_PASSWORD, hash(username))).isTrue();
        assertThat(accounts.invitation(link.token())).isEmpty();
        assertThatThrownBy(() -> accounts.completeSetup(link.token(), "another fine passphrase")).hasMessageStartingWith("Link:");
    }

    @Test
    void shouldNameEveryBadFieldOfANewAccountAtOnce() {
        assertThatThrownBy(() -> accounts.createAccount(new NewAccountCommand("No Spaces!", " ", "not-an-email", Set.of())))
                .hasMessageContaining("Username: 3 to 60 lower-case letters")
                .hasMessageContaining("Display name: required")
                .hasMessageContaining("Email: optional, but when given it must look like name@example.org")
                .hasMessageContaining("Roles: at least one role");
        assertThatThrownBy(() -> accounts.createAccount(new NewAccountCommand(clinic.therapist(), "Copy", null, Set.of(Role.THERAPIST))))
                .hasMessageContaining("Username: '" + clinic.therapist() + "' is already taken");
    }

    @Test
    void shouldResetAPasswordSoTheOldOneFailsAndLiveSessionsEnd() {
        clinic.signInAs(clinic.therapist());
        BackstoryUser therapistSession = (BackstoryUser) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
        clinic.signInAs(clinic.admin());
        assertThat(liveSessions.stillValid(therapistSession)).isTrue();

        SetupLink link = accounts.resetPassword(person(clinic.therapist()).id());

        assertThat(passwordEncoder.matches(PASSWORD, hash(clinic.therapist()))).isFalse();
        assertThat(liveSessions.stillValid(therapistSession)).isFalse();
        assertThat(person(clinic.therapist()).status()).isEqualTo(AccountStatus.INVITED);
        assertThat(accounts.invitation(link.token())).hasValueSatisfying(i -> assertThat(i.firstPassword()).isTrue());
        assertThat(jdbc.sql("select action from audit_event where username = ? order by id desc").param(clinic.admin())
                .query(String.class).list()).contains("PASSWORD_RESET");
    }

    @Test
    void shouldDeactivateEndingSessionsAndRefusingSignInButKeepTheName() {
        clinic.signInAs(clinic.therapist());
        BackstoryUser therapistSession = (BackstoryUser) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
        clinic.signInAs(clinic.admin());
        long id = person(clinic.therapist()).id();

        accounts.deactivate(id);

        assertThat(liveSessions.stillValid(therapistSession)).isFalse();
        assertThat(person(clinic.therapist()).status()).isEqualTo(AccountStatus.DEACTIVATED);
        assertThat(accounts.clinicUsers()).anySatisfy(u -> {
            assertThat(u.displayName()).isEqualTo("Theo Therapist");
            assertThat(u.active()).isFalse();
        });
        accounts.reactivate(id);
        assertThat(person(clinic.therapist()).status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void shouldNeverLeaveTheClinicWithoutAnAdminWhoCanSignIn() {
        long adminId = person(clinic.admin()).id();
        assertThatThrownBy(() -> accounts.changeRoles(adminId, Set.of(Role.OWNER)))
                .hasMessageContaining("last admin who can sign in");
        assertThatThrownBy(() -> accounts.deactivate(adminId)).hasMessageStartingWith("Account: you cannot deactivate your own account");

        // a second admin makes the change possible; an invited one (no password yet) does not count
        SetupLink invited = accounts.createAccount(new NewAccountCommand("inv-" + UUID.randomUUID().toString().substring(0, 6),
                "Ivo Invited", null, Set.of(Role.ADMIN)));
        assertThatThrownBy(() -> accounts.changeRoles(adminId, Set.of(Role.OWNER))).hasMessageContaining("last admin");
        accounts.changeRoles(person(clinic.therapist()).id(), Set.of(Role.THERAPIST, Role.ADMIN));
        accounts.changeRoles(adminId, Set.of(Role.OWNER));
        assertThat(person(clinic.admin()).roles()).containsExactly(Role.OWNER);
        assertThat(jdbc.sql("select detail from audit_event where entity = 'user_account' and entity_id = ? and action = 'UPDATE' order by id desc")
                .param(String.valueOf(adminId)).query(String.class).list()).first().isEqualTo("roles: [admin] → [owner]");
        assertThat(invited.token()).isNotBlank();
    }

    @Test
    void shouldUnlockALockedAccount() {
        jdbc.sql("update user_account set locked_until = current_timestamp + interval '1 hour' where username = ?").param(clinic.therapist()).update();
        assertThat(person(clinic.therapist()).status()).isEqualTo(AccountStatus.LOCKED);
        accounts.unlock(person(clinic.therapist()).id());
        assertThat(person(clinic.therapist()).status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void shouldRefuseEveryAdminActionToATherapistAndAnotherClinicsAccounts() {
        long therapistId = person(clinic.therapist()).id();
        clinic.signInAs(clinic.therapist());
        assertThatThrownBy(() -> accounts.people()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> accounts.deactivate(therapistId)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> accounts.createAccount(new NewAccountCommand("x-y-z", "X", null, Set.of(Role.ADMIN))))
                .isInstanceOf(AccessDeniedException.class);

        String otherAdmin = "o-" + UUID.randomUUID().toString().substring(0, 8);
        ClinicSummary other = clinics.createClinic("Other " + otherAdmin, List.of("Elsewhere"));
        accounts.createFirstUsers(other.id(), List.of(new UserAccountService.NewUser(otherAdmin, "Otto Other", PASSWORD, Set.of(Role.ADMIN))));
        clinic.signInAs(otherAdmin);
        assertThatThrownBy(() -> accounts.deactivate(therapistId)).isInstanceOf(RecordNotFoundException.class);
        assertThatThrownBy(() -> accounts.resetPassword(therapistId)).isInstanceOf(RecordNotFoundException.class);
        assertThat(accounts.people()).extracting(PersonRow::username).containsExactly(otherAdmin);
    }

    @Test
    void shouldChangeTheOwnPasswordOnlyWithTheCurrentOneAndKeepThisSessionAlive() {
        clinic.signInAs(clinic.therapist());
        assertThatThrownBy(() -> accounts.changeOwnPassword("wrong one entirely", NEW_PASSWORD))
                .hasMessageStartingWith("Current password: does not match");
        assertThatThrownBy(() -> accounts.changeOwnPassword(PASSWORD, "short"))
                .hasMessageStartingWith("New password: at least 12 characters");
        BackstoryUser before = (BackstoryUser) SecurityContextHolder.getContext().getAuthentication().getPrincipal();

        accounts.changeOwnPassword(PASSWORD, NEW_PASSWORD);

        BackstoryUser after = (BackstoryUser) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
        assertThat(liveSessions.stillValid(before)).isFalse();
        assertThat(liveSessions.stillValid(after)).isTrue();
        assertThat(passwordEncoder.matches(NEW_PASSWORD, hash(clinic.therapist()))).isTrue();
    }

    @Test
    void shouldRefuseACommonPasswordForTheFirstUsersToo() {
        ClinicSummary clinic = clinics.createClinic("Weak " + UUID.randomUUID(), List.of("Main"));
        assertThatThrownBy(() -> accounts.createFirstUsers(clinic.id(), List.of(
                new UserAccountService.NewUser("weak-" + UUID.randomUUID().toString().substring(0, 6), "Weak", "qwertyuiop123", Set.of(Role.ADMIN)))))
                .hasMessageStartingWith("Password: this password is on a list of common or leaked passwords");
    }
}
