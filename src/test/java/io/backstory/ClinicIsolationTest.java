package io.backstory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.analytics.Chronicity;
import io.backstory.importexport.ClinicCsvExportService;
import io.backstory.importexport.FhirExportService;
import io.backstory.patients.DischargeReason;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.patients.PatientService;
import io.backstory.patients.PatientSummary;
import io.backstory.reports.RecurrenceReport;
import io.backstory.reports.RecurrenceReportService;
import io.backstory.reports.ReportFilter;
import io.backstory.visits.VisitService;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Multi-clinic (DESIGN §7, issue 14): a second clinic on the same database sees nothing of the demo clinic, in
 * the patient list, a record opened by its id, the report, its CSV/JSON/PDF exports, the whole-clinic CSV and FHIR
 * exports and the API — and the demo clinic's report does not move when the second clinic discharges an episode.
 */
@BackstoryTest
class ClinicIsolationTest {

    private static final String PASSWORD = ClinicalFixture.SECOND_CLINIC_PASSWORD;

    @Autowired TestSecurity security;
    @Autowired PatientService patients;
    @Autowired EpisodeService episodes;
    @Autowired VisitService visits;
    @Autowired RecurrenceReportService reports;
    @Autowired ClinicalFixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired FhirExportService fhirExport;
    @Autowired ClinicCsvExportService csvExport;
    @LocalServerPort int port;

    @AfterEach
    void signOut() {
        security.signOut();
    }


    @Test
    void shouldShowASecondClinicNothingOfTheFirst() throws Exception {
        long demoPatient = jdbc.sql("select min(p.id) from patient p join user_account u on u.clinic_id = p.clinic_id where u.username = 'owner'")
                .query(Long.class).single();
        long demoEpisode = jdbc.sql("select min(id) from episode where patient_id = ?").param(demoPatient).query(Long.class).single();
        security.signInAs("owner");
        int demoEpisodes = reports.report(ReportFilter.all()).kpis().dischargedInPeriod();
        assertThat(demoEpisodes).isPositive();
        String second = fixture.secondClinic();
        security.signInAs(second);

        assertThat(patients.search("", 0, 1000)).isEmpty();
        assertThat(patients.countMatching("")).isZero();
        assertThat(patients.count()).isZero();
        assertThatThrownBy(() -> patients.get(demoPatient)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> episodes.get(demoEpisode)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> episodes.listForPatient(demoPatient)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> visits.list(demoEpisode)).isInstanceOf(RuntimeException.class);

        RecurrenceReport report = reports.report(ReportFilter.all());
        assertThat(report.kpis().dischargedInPeriod()).isZero();
        assertThat(report.kpis().activeEpisodes()).isZero();
        assertThat(report.analysis()).isNull();
        assertThat(reports.options().therapists()).extracting(o -> o.name()).containsExactly("Sam Second");
        StringWriter csv = new StringWriter();
        reports.exportCsv(ReportFilter.all(), csv);
        assertThat(csv.toString().strip().lines()).hasSize(1); // the header alone
        assertThat(reports.exportPdf(ReportFilter.all())).isNotEmpty();

        // nothing to analyse: refused (400) or answered with an insufficient-data verdict, never the demo clinic's numbers
        HttpResponse<String> api = api(second);
        assertThat(api.statusCode()).isIn(200, 400);
        assertThat(api.body()).doesNotContain("\"n\":" + demoEpisodes);
    }

    @Test
    void shouldKeepEachClinicsReportToItsOwnEpisodes() {
        security.signInAs("owner");
        RecurrenceReport demoBefore = reports.report(ReportFilter.all());
        String second = fixture.secondClinic();
        security.signInAs(second);
        PatientSummary patient = fixture.patient();
        EpisodeSummary episode = fixture.episode(patient, LocalDate.now().minusDays(40), Chronicity.SUBACUTE);
        episodes.discharge(episode.id(), LocalDate.now().minusDays(2), DischargeReason.GOALS_MET);
        // one episode is too few for the report's models (the engine refuses a single group), so the export shows it
        StringWriter csv = new StringWriter();
        reports.exportCsv(ReportFilter.all(), csv);
        assertThat(csv.toString().strip().lines()).hasSize(2); // the header and the second clinic's one episode
        assertThat(patients.search("", 0, 1000)).hasSize(1);
        // the whole-clinic exports stream through the owning modules' bulk APIs: the second clinic's rows only
        long clinicId = jdbc.sql("select clinic_id from user_account where username = ?").param(second).query(Long.class).single();
        Map<String, Integer> fhir = fhirExport.export(OutputStream.nullOutputStream());
        assertThat(fhir).containsEntry("Patient", 1).containsEntry("EpisodeOfCare", 1)
                .containsEntry("Encounter", count("visit", clinicId)).containsEntry("Condition", count("recurrence", clinicId));
        Map<String, Integer> files = csvExport.export(OutputStream.nullOutputStream());
        assertThat(files).containsEntry("patients.csv", 1).containsEntry("episodes.csv", 1)
                .containsEntry("visits.csv", count("visit", clinicId)).containsEntry("measures.csv", count("measure", clinicId))
                .containsEntry("checkins.csv", count("follow_up", clinicId)).containsEntry("recurrences.csv", count("recurrence", clinicId));

        security.signInAs("owner");
        assertThatThrownBy(() -> patients.get(patient.id())).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> episodes.get(episode.id())).isInstanceOf(RuntimeException.class);
        assertThat(reports.report(ReportFilter.all()).kpis().dischargedInPeriod()).isEqualTo(demoBefore.kpis().dischargedInPeriod());
    }

    private int count(String table, long clinicId) {
        return jdbc.sql("select count(*) from " + table + " where clinic_id = ?").param(clinicId).query(Integer.class).single();
    }

    private HttpResponse<String> api(String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/reports/recurrence"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
