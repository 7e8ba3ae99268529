package io.backstory.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.BackstoryTest;
import io.backstory.OwnClinic;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/** Issue 11, two-step sign-in: enrolment, single-use codes, recovery codes, encryption at rest, admin reset. */
@BackstoryTest
class SecondFactorTest {

    @Autowired
    SecondFactorService factors;
    @Autowired
    LiveSessions liveSessions;
    @Autowired
    JdbcClient jdbc;

    @RegisterExtension
    final OwnClinic clinic = OwnClinic.named("MFA").with("Mia Admin", Role.ADMIN).with("Tom Therapist", Role.THERAPIST);

    private BackstoryUser signedIn(String username) {
        clinic.signInAs(username);
        return (BackstoryUser) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
    }

    private static String code(String secret, long stepOffset) {
        return Totp.code(Base32.decode(secret), Totp.step(Instant.now()) + stepOffset, 6);
    }

    @Test
    void shouldEnrolWithACodeFromTheSecretAndKeepTheSecretEncrypted() {
        BackstoryUser user = signedIn(clinic.therapist());
        SecondFactorService.Enrolment enrolment = factors.newOwnEnrolment();
        assertThat(enrolment.otpauthUri()).startsWith("otpauth://totp/Backstory%3A" + clinic.therapist() + "?secret=" + enrolment.secret())
                .contains("issuer=Backstory", "period=30", "digits=6");
        assertThatThrownBy(() -> factors.confirmOwn(enrolment.secret(), "12345")).hasMessageStartingWith("Code: not the 6-digit code");

        List<String> recovery = factors.confirmOwn(enrolment.secret(), code(enrolment.secret(), 0));

        assertThat(recovery).hasSize(10).doesNotHaveDuplicates().allSatisfy(c -> assertThat(c).matches("[a-z2-9]{5}-[a-z2-9]{5}"));
        String stored = jdbc.sql("select secret_cipher from mfa_factor where user_account_id = ?").param(user.userId()).query(String.class).single();
        assertThat(stored).doesNotContain(enrolment.secret());
        assertThat(jdbc.sql("select count(*) from mfa_recovery_code where user_account_id = ? and code_hash = ?")
                .params(user.userId(), recovery.get(0).replace("-", "")).query(Long.class).single()).isZero();
        assertThat(factors.enrolled(user.userId())).isTrue();
    }

    @Test
    void shouldAcceptEachCodeOnceAndRecoveryCodesOnce() {
        BackstoryUser user = signedIn(clinic.therapist());
        SecondFactorService.Enrolment enrolment = factors.newOwnEnrolment();
        String enrolCode = code(enrolment.secret(), -1);
        List<String> recovery = factors.confirmOwn(enrolment.secret(), enrolCode);

        assertThat(factors.verify(user, enrolCode)).as("the enrolment's code is used up").isFalse();
        String next = code(enrolment.secret(), 1);
        assertThat(factors.verify(user, next)).isTrue();
        assertThat(factors.verify(user, next)).as("replayed").isFalse();
        assertThat(factors.verify(user, recovery.get(3).toUpperCase())).isTrue();
        assertThat(factors.verify(user, recovery.get(3))).as("recovery codes are single use").isFalse();
        assertThat(jdbc.sql("select count(*) from audit_event where username = ? and action = 'MFA_FAILED'").param(clinic.therapist())
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void shouldRequireASecondFactorForOwnersAndAdminsOnlyOutsideDemoMode() {
        // the test profile runs the demo clinic, where nobody is made to use it
        assertThat(factors.requiredForRoles(Set.of(Role.ADMIN))).isFalse();
        SecondFactorService production = new SecondFactorService(jdbc, null, null, null, null, java.time.Clock.systemUTC(),
                List.of("OWNER", "ADMIN"), false);
        assertThat(production.requiredForRoles(Set.of(Role.ADMIN))).isTrue();
        assertThat(production.requiredForRoles(Set.of(Role.OWNER, Role.THERAPIST))).isTrue();
        assertThat(production.requiredForRoles(Set.of(Role.THERAPIST))).isFalse();
    }

    @Test
    void shouldLetAnAdminResetSomeonesFactorEndingTheirSessions() {
        BackstoryUser user = signedIn(clinic.therapist());
        SecondFactorService.Enrolment enrolment = factors.newOwnEnrolment();
        factors.confirmOwn(enrolment.secret(), code(enrolment.secret(), 0));
        assertThatThrownBy(() -> factors.reset(user.userId())).isInstanceOf(AccessDeniedException.class);

        signedIn(clinic.admin());
        factors.reset(user.userId());

        assertThat(factors.enrolled(user.userId())).isFalse();
        assertThat(liveSessions.stillValid(user)).isFalse();
        assertThat(jdbc.sql("select count(*) from mfa_recovery_code where user_account_id = ?").param(user.userId()).query(Long.class).single()).isZero();
    }
}
