package io.backstory.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.BackstoryTest;
import io.backstory.ClinicalFixture;
import io.backstory.OwnClinic;
import io.backstory.analytics.Chronicity;
import io.backstory.patients.EpisodeSummary;
import io.backstory.patients.PatientSummary;
import java.io.StringWriter;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** Issue 11, the audit log view: filters, paging, one clinic only, formula-safe CSV, and its own use audited. */
@BackstoryTest
class AuditTrailTest {

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditLog auditLog;
    @Autowired
    ClinicalFixture fixture;
    @Autowired
    JdbcClient jdbc;

    @RegisterExtension
    final OwnClinic clinic = OwnClinic.named("Audit").with("Aud Admin", Role.ADMIN).with("Aud Therapist", Role.THERAPIST);

    @Test
    void shouldFindThePatientsRowsIncludingTheirEpisodesAndNobodyElses() {
        clinic.signInAs(clinic.therapist());
        PatientSummary patient = fixture.patient();
        EpisodeSummary episode = fixture.episode(patient, LocalDate.now().minusDays(3), Chronicity.ACUTE);
        PatientSummary other = fixture.patient();

        clinic.signInAs(clinic.admin());
        AuditPage page = trail.search(new AuditFilter(null, patient.id(), null, null, null), 0);

        assertThat(page.entries()).extracting(e -> e.entity() + " " + e.entityId())
                .contains("patient " + patient.id(), "episode " + episode.id())
                .doesNotContain("patient " + other.id());
        assertThat(page.entries()).allSatisfy(e -> assertThat(e.username()).isEqualTo(clinic.therapist()));
    }

    @Test
    void shouldFilterByPersonActionAndDateAndAuditTheLookItself() {
        clinic.signInAs(clinic.therapist());
        fixture.patient();
        clinic.signInAs(clinic.admin());

        AuditPage creates = trail.search(new AuditFilter(clinic.therapist(), null, AuditLog.Action.CREATE, LocalDate.now(), LocalDate.now()), 0);
        assertThat(creates.total()).isOne();
        assertThat(trail.search(new AuditFilter(clinic.therapist(), null, AuditLog.Action.CREATE, LocalDate.now().plusDays(1), null), 0).total()).isZero();
        assertThatThrownBy(() -> trail.search(new AuditFilter(null, null, null, LocalDate.now(), LocalDate.now().minusDays(1)), 0))
                .hasMessage("To: on or after the From date");

        assertThat(jdbc.sql("select detail from audit_event where username = ? and action = 'READ' and entity = 'audit_event' order by id")
                .param(clinic.admin()).query(String.class).list())
                .first().isEqualTo("person=" + clinic.therapist() + " action=CREATE from=" + LocalDate.now() + " to=" + LocalDate.now());
    }

    @Test
    void shouldShowOnlyTheAdminsClinicAndOnlyToAdmins() {
        clinic.signInAs(clinic.therapist());
        assertThatThrownBy(() -> trail.search(AuditFilter.none(), 0)).isInstanceOf(AccessDeniedException.class);
        fixture.patient();
        clinic.signInAs(clinic.admin());
        long clinicId = jdbc.sql("select clinic_id from user_account where username = ?").param(clinic.admin()).query(Long.class).single();
        assertThat(trail.search(AuditFilter.none(), 0).entries()).isNotEmpty();
        assertThat(jdbc.sql("select count(distinct coalesce(clinic_id, -1)) from audit_event").query(Long.class).single()).isGreaterThan(1);
        AuditPage all = trail.search(AuditFilter.none(), 0);
        assertThat(all.entries()).allSatisfy(e -> assertThat(jdbc.sql("select clinic_id from audit_event where id = ?").param(e.id())
                .query(Long.class).single()).isEqualTo(clinicId));
    }

    @Test
    void shouldExportCsvThatASpreadsheetCannotRunAsAFormula() {
        clinic.signInAs(clinic.admin());
        auditLog.record(AuditLog.Action.UPDATE, "clinic", 1, "=HYPERLINK(\"http://evil.example\",\"x\")");
        StringWriter csv = new StringWriter();

        int rows = trail.exportCsv(new AuditFilter(clinic.admin(), null, AuditLog.Action.UPDATE, null, null), csv);

        assertThat(rows).isOne();
        assertThat(csv.toString()).startsWith("occurred_at,person,action,entity,entity_id,client_address,detail")
                .contains("'=HYPERLINK").doesNotContain(",=HYPERLINK").doesNotContain("\"=HYPERLINK");
        assertThat(jdbc.sql("select count(*) from audit_event where username = ? and action = 'EXPORT' and entity = 'audit_event'")
                .param(clinic.admin()).query(Long.class).single()).isOne();
        assertThat(AuditTrail.safe("+1")).isEqualTo("'+1");
        assertThat(AuditTrail.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditTrail.safe("-2")).isEqualTo("'-2");
        assertThat(AuditTrail.safe("episode:4")).isEqualTo("episode:4");
    }
}
