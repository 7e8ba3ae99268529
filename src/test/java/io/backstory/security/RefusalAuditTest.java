package io.backstory.security;

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
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** Issue 9 item 7: refused and not-found record access, lists, and failed sign-ins of unknown names are in the audit trail. */
@BackstoryTest
class RefusalAuditTest {

    @LocalServerPort
    int port;
    @Autowired
    ClinicService clinics;
    @Autowired
    PatientService patients;
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcClient jdbc;

    @RegisterExtension
    final SignedIn signedIn = SignedIn.outAfterEach();

    private List<String> rows(String username, String action) {
        return jdbc.sql("select entity || ':' || coalesce(entity_id, '') || ':' || coalesce(detail, '') from audit_event where username = ? and action = ? order by id")
                .params(username, action).query(String.class).list();
    }

    @Test
    void shouldAuditAnotherClinicsPatientAndAnUnknownIdAsNotFound() {
        signedIn.signInAsNew(Role.THERAPIST);
        PatientSummary theirs = patients.create(new PatientCommand("Ada", "Other", LocalDate.of(1980, 5, 1), Sex.F, null, null, true));

        String prober = signedIn.signInAsNew(Role.THERAPIST);
        assertThatThrownBy(() -> patients.get(theirs.id())).isInstanceOf(RecordNotFoundException.class);
        assertThatThrownBy(() -> patients.get(987_654_321L)).isInstanceOf(RecordNotFoundException.class);

        assertThat(rows(prober, "NOT_FOUND")).containsExactly("patient:" + theirs.id() + ":PatientService.get", "patient:987654321:PatientService.get");
        assertThat(jdbc.sql("select count(*) from audit_event where username = ? and action = 'NOT_FOUND' and clinic_id is not null")
                .param(prober).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void shouldAuditARoleWithoutTheRightAsDenied() {
        String therapist = signedIn.signInAsNew(Role.THERAPIST);
        ClinicSettings settings = clinics.currentSettings();
        assertThatThrownBy(() -> clinics.updateSettings(settings)).isInstanceOf(AccessDeniedException.class);

        assertThat(rows(therapist, "DENIED")).containsExactly("clinic::ClinicService.updateSettings");
    }

    @Test
    void shouldAuditWhichPatientsAListShowedAndFindTheRowByPatient() {
        String admin = signedIn.signInAsNew(Role.ADMIN);
        // an admin may read the patient list (therapists, owners and admins can)
        PatientSummary one = patients.create(new PatientCommand("Lia", "Listed", LocalDate.of(1970, 1, 1), Sex.F, null, null, false));
        PatientSummary two = patients.create(new PatientCommand("Leo", "Listed", LocalDate.of(1971, 1, 1), Sex.M, null, null, false));
        patients.search("", 0, 50);

        assertThat(rows(admin, "LIST")).containsExactly("patient:list:patient ids " + two.id() + "," + one.id());
        AuditPage page = trail.search(new AuditFilter(null, one.id(), AuditLog.Action.LIST, null, null), 0);
        assertThat(page.entries()).hasSize(1);
    }

    @Test
    void shouldAuditAFailedSignInOfAnUnknownUsername() throws Exception {
        String unknown = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        new LoginClient(port, "198.51.100.77").login(unknown, "whatever it is");

        assertThat(jdbc.sql("select count(*) from audit_event where username = ? and action = 'LOGIN_FAILED' and clinic_id = 0 "
                + "and client_address = '198.51.100.77'").param(unknown).query(Long.class).single()).isEqualTo(1);
    }
}
