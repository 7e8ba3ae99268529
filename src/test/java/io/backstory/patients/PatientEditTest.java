package io.backstory.patients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.AuditRows;
import io.backstory.BackstoryTest;
import io.backstory.ClinicalFixture;
import io.backstory.SignedIn;
import io.backstory.analytics.Chronicity;
import io.backstory.analytics.Sex;
import io.backstory.base.ConcurrentEditException;
import io.backstory.base.RecordNotFoundException;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** QA: a patient's details (a typo in a name, a wrong date of birth) can be corrected after creation. */
@BackstoryTest
class PatientEditTest {

    @Autowired ClinicalFixture fixture;
    @Autowired PatientService patients;
    @Autowired JdbcClient jdbc;

    @RegisterExtension
    final SignedIn signedIn = SignedIn.as("therapist");

    @Test
    void shouldSaveCorrectedDetailsAndAuditWhichFieldsChanged() {
        PatientSummary patient = fixture.patient();
        AuditRows audit = AuditRows.from(jdbc);

        PatientSummary saved = patients.update(patient.id(), patient.version(), new PatientCommand(" Grace ", patient.lastName(),
                LocalDate.of(1976, 5, 17), Sex.F, "+34 600 000 000", "grace@example.org", false, "es"));

        assertThat(saved.firstName()).isEqualTo("Grace");
        assertThat(saved.dateOfBirth()).isEqualTo(LocalDate.of(1976, 5, 17));
        assertThat(saved.phone()).isEqualTo("+34 600 000 000");
        assertThat(saved.email()).isEqualTo("grace@example.org");
        assertThat(saved.consentToFollowUp()).isFalse();
        assertThat(saved.language()).isEqualTo("es");
        assertThat(saved.version()).isGreaterThan(patient.version());
        assertThat(patients.get(patient.id())).isEqualTo(saved);
        assertThat(audit.written()).first().isEqualTo("UPDATE patient " + patient.id());
        assertThat(jdbc.sql("select detail from audit_event where action = 'UPDATE' and entity = 'patient' and entity_id = ? order by id desc limit 1")
                .param(String.valueOf(patient.id())).query(String.class).single())
                .isEqualTo("details: firstName, dateOfBirth, phone, email, consentToFollowUp, language");
    }

    @Test
    void shouldRefuseBrokenRulesNamingEachFieldAndChangeNothing() {
        PatientSummary patient = fixture.patient();
        PatientCommand bad = new PatientCommand("", "x".repeat(PatientCommand.NAME_MAX_LENGTH + 1), LocalDate.now().plusDays(1),
                null, "abc", "not-an-email", true);

        assertThatThrownBy(() -> patients.update(patient.id(), patient.version(), bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("First name:").hasMessageContaining("Last name: required, at most 80 characters")
                .hasMessageContaining("Date of birth:").hasMessageContaining("Sex: required")
                .hasMessageContaining("Phone:").hasMessageContaining("Email: must look like name@example.org");
        assertThat(patients.get(patient.id())).isEqualTo(patient);
    }

    @Test
    void shouldRefuseADateOfBirthAfterTheStartOfAnEpisode() {
        PatientSummary patient = fixture.patient();
        LocalDate start = LocalDate.of(2001, 3, 4);
        fixture.episode(patient, start, Chronicity.ACUTE);
        PatientCommand born = command(patient, start.plusDays(1));

        assertThatThrownBy(() -> patients.update(patient.id(), patient.version(), born)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Date of birth: cannot be after the start of an episode of care (2001-03-04)");
        // the episode's start day itself is allowed (a newborn's first visit)
        assertThat(patients.update(patient.id(), patient.version(), command(patient, start)).dateOfBirth()).isEqualTo(start);
    }

    @Test
    void shouldReportAColleaguesChangeInsteadOfOverwritingIt() {
        PatientSummary patient = fixture.patient();
        patients.update(patient.id(), patient.version(), command(patient, LocalDate.of(1970, 1, 1)));

        assertThatThrownBy(() -> patients.update(patient.id(), patient.version(), command(patient, LocalDate.of(1971, 1, 1))))
                .isInstanceOfSatisfying(ConcurrentEditException.class, e -> assertThat(e.localized(Locale.ENGLISH))
                        .startsWith("This patient's details were changed by someone else"));
        assertThat(patients.get(patient.id()).dateOfBirth()).isEqualTo(LocalDate.of(1970, 1, 1));
    }

    @Test
    void shouldNotLetAnotherClinicOrAnOwnerEditThePatient() {
        PatientSummary patient = fixture.patient();
        PatientCommand change = command(patient, LocalDate.of(1980, 1, 1));

        signedIn.signInAs("owner");
        assertThatThrownBy(() -> patients.update(patient.id(), patient.version(), change)).isInstanceOf(AccessDeniedException.class);
        signedIn.signInAs(fixture.secondClinic());
        assertThatThrownBy(() -> patients.update(patient.id(), patient.version(), change)).isInstanceOf(RecordNotFoundException.class);

        signedIn.signInAs("therapist");
        assertThat(patients.get(patient.id()).dateOfBirth()).isEqualTo(patient.dateOfBirth());
    }

    private static PatientCommand command(PatientSummary p, LocalDate dateOfBirth) {
        return new PatientCommand(p.firstName(), p.lastName(), dateOfBirth, p.sex(), p.phone(), p.email(), p.consentToFollowUp(), p.language());
    }
}
