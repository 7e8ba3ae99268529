package io.backstory.reports;

import java.util.List;

import java.io.StringReader;

import io.backstory.analytics.AnalysisEpisode;

import io.backstory.analytics.AnalysisCsv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.BackstoryTest;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.visits.Factor;
import io.backstory.visits.VisitCommand;
import io.backstory.visits.VisitService;
import java.util.Set;
import io.backstory.TestSecurity;
import io.backstory.analytics.AnalysisReport;
import io.backstory.analytics.AnalyzeCommand;
import io.backstory.analytics.Chronicity;
import io.backstory.analytics.StartBackRisk;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** The report on the seeded demo clinic (400 episodes in the test profile, planted HR 0.75). */
@BackstoryTest
class RecurrenceReportServiceTest {

    @Autowired
    RecurrenceReportService reports;
    @Autowired
    TestSecurity security;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EpisodeService episodes;
    @Autowired
    VisitService visits;

    @AfterEach
    void signOut() {
        security.signOut();
    }

    @Test
    void shouldRecoverTheDirectionOfThePlantedEffectOnTheDemoClinic() {
        security.signInAs("owner");
        RecurrenceReport report = reports.report(ReportFilter.all());
        AnalysisReport analysis = report.analysis();
        assertThat(analysis).isNotNull();
        assertThat(analysis.n()).isEqualTo(report.kpis().dischargedInPeriod()).isGreaterThan(300);
        assertThat(analysis.events()).isPositive();
        // Multi-factor plans were planted to cut the hazard (HR 0.75) despite confounding by indication.
        double hr = analysis.adjustedEffect().ratio();
        assertThat(hr).isFinite().isLessThan(1.0);
        assertThat(report.breadth()).hasSize(6);
        assertThat(report.breadth().stream().mapToInt(RecurrenceReport.BreadthRow::episodes).sum()).isEqualTo(analysis.n());
        assertThat(report.therapists()).isNotEmpty().allSatisfy(t -> assertThat(t.averageBreadth()).isBetween(0.0, 5.0));
        assertThat(report.funnel()).isNotEmpty().allSatisfy(b -> assertThat(b.lower998()).isLessThanOrEqualTo(b.lower95()));
        assertThat(report.quarters()).isNotEmpty();
        assertThat(report.kpis().activeEpisodes()).isPositive();
        assertThat(report.kpis().recurrence().rate()).isBetween(0.05, 0.95);
    }

    @Test
    void shouldGiveTheSameNumbersAsTheAnalyzeCommandOnTheExportedCsv() throws Exception {
        security.signInAs("admin");
        RecurrenceReport report = reports.report(ReportFilter.all());
        StringWriter csv = new StringWriter();
        reports.exportCsv(ReportFilter.all(), csv);
        assertThat(csv.toString()).startsWith("episode_id,f_movement,f_mobility,f_strength,f_recovery,f_beliefs,age,sex,"
                + "chronicity,baseline_nprs,baseline_odi,fabq_pa,startback,prior_episodes,visits,time_days,recurred");
        Path file = Files.createTempFile("dataset", ".csv");
        Files.writeString(file, csv.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = AnalyzeCommand.run(new String[] {file.toString(), "--horizon", Integer.toString(report.horizonDays()),
                "--isolated-max-breadth", Integer.toString(report.isolatedMaxBreadth()), "--json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        Files.delete(file);
        assertThat(exit).isZero();
        assertThat(withoutTiming(out.toString(StandardCharsets.UTF_8).strip()))
                .isEqualTo(withoutTiming(report.analysis().toJson().strip()));
    }

    @Test
    void shouldKeepNamesAndDatesOutOfTheCsv() {
        security.signInAs("owner");
        StringWriter csv = new StringWriter();
        reports.exportCsv(ReportFilter.all(), csv);
        String lastName = jdbc.sql("select last_name from patient order by id limit 1").query(String.class).single();
        assertThat(csv.toString()).doesNotContain(lastName).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void shouldCodeTherapistsAndLocationsStablyWithoutNamesOrIds() {
        security.signInAs("owner");
        StringWriter all = new StringWriter();
        reports.exportCsv(ReportFilter.all(), all);
        io.backstory.analytics.AnalysisDataset dataset = AnalysisCsv.readDataset(new StringReader(all.toString()));

        assertThat(dataset.therapistKnown()).isTrue();
        assertThat(dataset.hasColumn(io.backstory.analytics.AnalysisDataset.LOCATION_ID)).isTrue();
        assertThat(dataset.episodes()).allSatisfy(e -> {
            assertThat(e.therapistId()).matches("T[1-9][0-9]*");
            assertThat(e.locationId()).matches("L[1-9][0-9]*");
        });
        List<String> names = jdbc.sql("select display_name from user_account union select username from user_account "
                + "union select name from location").query(String.class).list();
        String rows = all.toString().substring(all.toString().indexOf('\n'));
        assertThat(rows).doesNotContain(names.toArray(String[]::new));
        // the same therapist keeps the same code in a filtered export
        RecurrenceReport.TherapistPoint someone = reports.report(ReportFilter.all()).therapists().getFirst();
        StringWriter one = new StringWriter();
        reports.exportCsv(ReportFilter.all().withTherapist(someone.therapistId()), one);
        List<AnalysisEpisode> theirs = AnalysisCsv.read(new StringReader(one.toString()));
        assertThat(theirs).hasSize(someone.discharged());
        String code = theirs.getFirst().therapistId();
        assertThat(theirs).allSatisfy(e -> assertThat(e.therapistId()).isEqualTo(code));
        assertThat(dataset.episodes().stream().filter(e -> code.equals(e.therapistId())).count())
                .isEqualTo(someone.discharged());
        // the demo's check-ins tell recovery for most episodes (pain-free for 30 days, or a recurrence)
        assertThat(dataset.recoveryKnown()).isGreaterThan(dataset.episodes().size() / 2);
    }

    @Test
    void shouldApplyEveryFilter() {
        security.signInAs("owner");
        ReportOptions options = reports.options();
        RecurrenceReport all = reports.report(ReportFilter.all());
        int total = all.kpis().dischargedInPeriod();
        long location = options.locations().getFirst().id();
        int atLocation = reports.report(ReportFilter.all().withLocation(location)).kpis().dischargedInPeriod();
        int elsewhere = reports.report(ReportFilter.all().withLocation(options.locations().getLast().id())).kpis().dischargedInPeriod();
        assertThat(atLocation + elsewhere).isEqualTo(total);
        int byChronicity = 0;
        for (Chronicity c : Chronicity.values()) {
            byChronicity += reports.report(ReportFilter.all().withChronicity(c)).kpis().dischargedInPeriod();
        }
        assertThat(byChronicity).isEqualTo(total);
        int byRisk = 0;
        for (StartBackRisk r : StartBackRisk.values()) {
            byRisk += reports.report(ReportFilter.all().withStartBack(r)).kpis().dischargedInPeriod();
        }
        // Episodes without a baseline STarT Back (other tests add some) belong to no risk group.
        StringWriter csv = new StringWriter();
        reports.exportCsv(ReportFilter.all(), csv);
        List<AnalysisEpisode> rows = AnalysisCsv.read(new StringReader(csv.toString()));
        assertThat(byRisk).isEqualTo(rows.stream().filter(r -> r.startBack() != null).count());
        RecurrenceReport.TherapistPoint someone = all.therapists().getFirst();
        assertThat(reports.report(ReportFilter.all().withTherapist(someone.therapistId())).kpis().dischargedInPeriod())
                .isEqualTo(someone.discharged());
        RecurrenceReport shortHorizon = reports.report(ReportFilter.all().withHorizonDays(90));
        assertThat(shortHorizon.horizonDays()).isEqualTo(90);
        assertThat(shortHorizon.analysis().horizonDays()).isEqualTo(90);
        RecurrenceReport none = reports.report(ReportFilter.all().withPeriod(java.time.LocalDate.of(1990, 1, 1), java.time.LocalDate.of(1990, 12, 31)));
        assertThat(none.analysis()).isNull();
        assertThat(none.kpis().dischargedInPeriod()).isZero();
    }

    @Test
    void shouldServeTheCachedReportUntilTheDataChange() throws Exception {
        security.signInAs("admin");
        ReportFilter filter = ReportFilter.all().withHorizonDays(200);
        RecurrenceReport first = reports.reportInBackground(filter).get(60, TimeUnit.SECONDS);
        assertThat(reports.cached(filter)).containsSame(first);
        assertThat(reports.report(filter)).isSameAs(first);
        // A visit added to a discharged episode (a late entry) changes the data the report reads.
        long discharged = jdbc.sql("select id from episode where discharge_date is not null order by id limit 1").query(Long.class).single();
        EpisodeSummary episode = episodes.get(discharged);
        visits.log(new VisitCommand(discharged, episode.startDate(), episode.therapistId(), 30, null, null, Set.of(Factor.BELIEFS), Set.of()));
        assertThat(reports.cached(filter)).isEmpty();
        RecurrenceReport second = reports.report(filter);
        assertThat(second).isNotSameAs(first);
        assertThat(second.dataVersion()).isNotEqualTo(first.dataVersion());
    }

    @Test
    void shouldRefuseATherapist() {
        security.signInAs("therapist");
        assertThatThrownBy(() -> reports.report(ReportFilter.all())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> reports.reportInBackground(ReportFilter.all())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> reports.exportCsv(ReportFilter.all(), new StringWriter())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> reports.exportPdf(ReportFilter.all())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> reports.options()).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void shouldAuditEveryReadAndExport() {
        security.signInAs("owner");
        long before = auditRows();
        reports.report(ReportFilter.all());
        reports.exportCsv(ReportFilter.all(), new StringWriter());
        reports.exportJson(ReportFilter.all());
        reports.exportPdf(ReportFilter.all());
        assertThat(auditRows() - before).isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from audit_event where username = 'owner' and action = 'EXPORT' and entity = ?")
                .param(RecurrenceReportService.AUDIT_ENTITY + ".pdf").query(Long.class).single()).isPositive();
    }

    @Test
    void shouldPutTheVerdictSentenceInThePdf() throws Exception {
        security.signInAs("owner");
        String verdict = reports.report(ReportFilter.all()).analysis().verdict().sentence();
        byte[] pdf = reports.exportPdf(ReportFilter.all());
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        Files.createDirectories(Path.of("target", "reports"));
        Files.write(Path.of("target", "reports", "recurrence-report.pdf"), pdf);
        PdfReader reader = new PdfReader(pdf);
        StringBuilder text = new StringBuilder();
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(extractor.getTextFromPage(page)).append(' ');
        }
        reader.close();
        assertThat(text.toString().replaceAll("\\s+", " ")).contains(verdict.replaceAll("\\s+", " "));
    }

    private long auditRows() {
        return jdbc.sql("select count(*) from audit_event where username = 'owner' and entity like 'RecurrenceReport%'")
                .query(Long.class).single();
    }

    private static String withoutTiming(String json) {
        return json.replaceAll("\"timing_ms\"\\s*:\\s*[-0-9.eE]+", "\"timing_ms\":0");
    }
}
