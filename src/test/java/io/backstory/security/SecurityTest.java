package io.backstory.security;

import static io.backstory.security.TestAccounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.BackstoryTest;
import io.backstory.SignedIn;
import io.backstory.analytics.Sex;
import io.backstory.base.RecordNotFoundException;
import io.backstory.clinic.ClinicService;
import io.backstory.clinic.ClinicSettings;
import io.backstory.patients.PatientCommand;
import io.backstory.patients.PatientService;
import io.backstory.patients.PatientSummary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;

@BackstoryTest
@ExtendWith(OutputCaptureExtension.class)
class SecurityTest {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts testAccounts;
    @Autowired
    ClinicService clinics;
    @Autowired
    UserAccountService users;
    @Autowired
    PatientService patients;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwordEncoder;

    @RegisterExtension
    final SignedIn signedIn = SignedIn.outAfterEach();

    /** A clinic of its own per test, so lockouts and audit counts never leak between tests. */
    private String newClinicWithTherapist() {
        return testAccounts.newAccount(Role.THERAPIST);
    }

    /** Each test signs in from an address of its own (through the trusted test proxy), so throttle counts never meet. */
    private HttpResponse<String> postLogin(String username, String password) throws Exception {
        return new LoginClient(port, "198.51.100." + (1 + Math.floorMod(username.hashCode(), 250))).login(username, password);
    }

    @Test
    void shouldSignInWithTheRightPassword() throws Exception {
        String username = newClinicWithTherapist();
        HttpResponse<String> response = postLogin(username, PASSWORD);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    }

    @Test
    void shouldRejectAWrongPassword() throws Exception {
        String username = newClinicWithTherapist();
        HttpResponse<String> response = postLogin(username, "wrong password!");
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login?error"));
    }

    @Test
    void shouldHashPasswordsWithBcryptCostAtLeastTen() {
        String username = newClinicWithTherapist();
        String hash = jdbc.sql("select password_hash from user_account where username = ?").param(username).query(String.class).single();
        assertThat(hash).startsWith("$2a$12$");
        assertThat(passwordEncoder.matches(PASSWORD, hash)).isTrue();
    }

    @Test
    void shouldDenyATherapistChangingClinicSettings() {
        String username = signedIn.signInAsNew(Role.THERAPIST);
        ClinicSettings settings = clinics.currentSettings();
        assertThatThrownBy(() -> clinics.updateSettings(settings)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void shouldDenyReadingAnotherClinicsPatient() {
        signedIn.signInAsNew(Role.THERAPIST);
        PatientSummary theirs = patients.create(new PatientCommand("Ada", "Other", LocalDate.of(1980, 5, 1), Sex.F, null, null, true));

        signedIn.signInAsNew(Role.THERAPIST);
        assertThatThrownBy(() -> patients.get(theirs.id())).isInstanceOf(RecordNotFoundException.class);
    }

    @Test
    void shouldDenyServicesWithoutASignedInUser() {
        assertThatThrownBy(() -> patients.get(1L)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void shouldAuditEveryPatientReadAndWrite() {
        String username = signedIn.signInAsNew(Role.THERAPIST);
        PatientSummary created = patients.create(new PatientCommand("Bea", "Audit", LocalDate.of(1975, 1, 2), Sex.F, null, null, false));
        patients.get(created.id());

        List<String> actions = jdbc.sql("select action from audit_event where username = ? and entity = 'patient' and entity_id = ? order by id")
                .params(username, String.valueOf(created.id())).query(String.class).list();
        assertThat(actions).containsExactly("CREATE", "READ");
    }

    @Test
    void shouldRefuseToUpdateOrDeleteAuditRowsInTheDatabase() {
        String username = signedIn.signInAsNew(Role.THERAPIST);
        patients.create(new PatientCommand("Cy", "Trail", LocalDate.of(1990, 3, 3), Sex.M, null, null, false));

        assertThatThrownBy(() -> jdbc.sql("update audit_event set action = 'READ' where username = ?").param(username).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where username = ?").param(username).update())
                .hasMessageContaining("append-only");
    }

    @Test
    void shouldSendSecurityHeadersWithEveryPage() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void shouldKeepPatientDataOutOfTheApplicationLog(CapturedOutput output) {
        signedIn.signInAsNew(Role.THERAPIST);
        PatientSummary created = patients.create(new PatientCommand("Zebulon", "Quixotically", LocalDate.of(1961, 7, 9), Sex.M,
                "+44 7000 123456", "zebulon@example.org", true));
        patients.get(created.id());
        assertThatThrownBy(() -> patients.create(new PatientCommand("Zebulon", "Quixotically", LocalDate.of(2999, 1, 1), Sex.M,
                null, "not-an-email", true))).isInstanceOf(IllegalArgumentException.class);
        assertThat(output.getAll()).doesNotContain("Quixotically").doesNotContain("zebulon@example.org").doesNotContain("7000 123456");
    }

    @Test
    void shouldKeepFirstUsersForNewClinicsOnly() {
        String username = newClinicWithTherapist();
        long clinicId = jdbc.sql("select clinic_id from user_account where username = ?").param(username).query(Long.class).single();
        assertThatThrownBy(() -> users.createFirstUsers(clinicId,
                List.of(new UserAccountService.NewUser("intruder", "Intruder", PASSWORD, Set.of(Role.ADMIN)))))
                .isInstanceOf(IllegalStateException.class);
    }
}
