package io.backstory.importexport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backstory.BackstoryTest;
import io.backstory.TestSecurity;
import io.backstory.analytics.AnalysisReport;
import io.backstory.analytics.CoxResult;
import io.backstory.analytics.ModelTerm;
import io.backstory.clinic.ClinicService;
import io.backstory.reports.RecurrenceReport;
import io.backstory.reports.RecurrenceReportService;
import io.backstory.reports.ReportFilter;
import io.backstory.security.Role;
import io.backstory.security.UserAccountService;
import io.backstory.visits.Factor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 13, must-hold 7: the demo clinic exported as the import format's CSV files and imported into an empty
 * clinic (same therapist and location names) gives the owner report the same numbers: episodes, recurrences,
 * rates and the hazard ratios.
 */
@BackstoryTest
class ImportRoundTripTest {

    @Autowired ClinicCsvExportService export;
    @Autowired ImportService imports;
    @Autowired RecurrenceReportService reports;
    @Autowired UserAccountService accounts;
    @Autowired ClinicService clinics;
    @Autowired TestSecurity security;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void signOut() {
        security.signOut();
    }

    @Test
    void shouldGiveTheSameReportAfterExportingTheDemoClinicAndImportingItIntoAnEmptyOne() throws Exception {
        security.signInAs("owner");
        long demo = jdbc.sql("select clinic_id from user_account where username = 'owner'").query(Long.class).single();
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        Map<String, Integer> exported = export.export(zip);
        RecurrenceReport before = reports.report(ReportFilter.all());
        assertThat(exported.get("episodes.csv")).isPositive();

        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> locations = jdbc.sql("select name from location where clinic_id = ? order by id").param(demo).query(String.class).list();
        long copy = clinics.createClinic("Round trip " + suffix, locations).id();
        List<UserAccountService.NewUser> users = new ArrayList<>();
        users.add(new UserAccountService.NewUser("rt-" + suffix, "Round Trip Owner", "correct horse battery", Set.of(Role.ADMIN, Role.OWNER)));
        List<String> therapists = jdbc.sql("""
                select distinct u.display_name from user_account u join user_role r on r.user_account_id = u.id and r.role = 'THERAPIST'
                 where u.clinic_id = ? order by 1""").param(demo).query(String.class).list();
        for (int i = 0; i < therapists.size(); i++) {
            users.add(new UserAccountService.NewUser("rt" + i + "-" + suffix, therapists.get(i), "correct horse battery", Set.of(Role.THERAPIST)));
        }
        accounts.createFirstUsers(copy, users);
        security.signInAs("rt-" + suffix);

        Map<String, InputStream> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), new ByteArrayInputStream(in.readAllBytes()));
            }
        }
        ImportJob checked = await(imports.startCheck(imports.upload(files).id()).id());
        assertThat(checked.status()).as(checked.message() + " " + imports.problems(checked.id()).stream().limit(5).toList())
                .isEqualTo(ImportJob.Status.CHECKED);
        ImportJob done = await(imports.startCommit(checked.id()).id());
        assertThat(done.status()).as(done.message()).isEqualTo(ImportJob.Status.DONE);
        for (String table : List.of("patient", "episode", "visit", "measure", "follow_up", "recurrence", "report_episode")) {
            assertThat(count(table, copy)).as(table).isEqualTo(count(table, demo));
        }
        for (Factor factor : Factor.values()) { // the factors addressed came across too
            String sql = "select count(*) from visit where clinic_id = ? and " + factor.column();
            assertThat(jdbc.sql(sql).param(copy).query(Integer.class).single()).as(factor.column())
                    .isEqualTo(jdbc.sql(sql).param(demo).query(Integer.class).single()).isPositive();
        }

        RecurrenceReport after = reports.report(ReportFilter.all());
        assertThat(after.kpis().dischargedInPeriod()).isEqualTo(before.kpis().dischargedInPeriod());
        assertThat(after.kpis().activeEpisodes()).isEqualTo(before.kpis().activeEpisodes());
        assertThat(after.kpis().recurrence()).isEqualTo(before.kpis().recurrence());
        assertThat(after.kpis().followUpCompleteness()).isEqualTo(before.kpis().followUpCompleteness());
        AnalysisReport a = before.analysis();
        AnalysisReport b = after.analysis();
        assertThat(a).isNotNull();
        assertThat(b).isNotNull();
        assertThat(b.n()).isEqualTo(a.n());
        assertThat(b.events()).isEqualTo(a.events());
        assertThat(b.isolatedRate()).isEqualTo(a.isolatedRate());
        assertThat(b.multiRate()).isEqualTo(a.multiRate());
        assertThat(b.therapists()).isEqualTo(a.therapists());
        sameRatios(b.cox(), a.cox());
        sameRatios(b.primary(), a.primary());
        assertThat(b.verdict().code()).isEqualTo(a.verdict().code());
        System.out.printf("ImportRoundTripTest: %s; report n %d, events %d, primary HR %s%n", exported, b.n(), b.events(),
                b.primary().terms().stream().map(t -> t.name() + " " + String.format("%.4f", t.ratio())).toList());
    }

    /** Same terms and hazard ratios; the rows come in another order, so equal up to floating-point rounding. */
    private static void sameRatios(CoxResult actual, CoxResult expected) {
        assertThat(actual.terms()).extracting(ModelTerm::name).containsExactlyElementsOf(expected.terms().stream().map(ModelTerm::name).toList());
        for (int i = 0; i < expected.terms().size(); i++) {
            assertThat(actual.terms().get(i).ratio()).as(expected.terms().get(i).name())
                    .isCloseTo(expected.terms().get(i).ratio(), within(1e-9 * Math.max(1, expected.terms().get(i).ratio())));
        }
        assertThat(actual.events()).isEqualTo(expected.events());
    }

    private int count(String table, long clinicId) {
        return jdbc.sql("select count(*) from " + table + " where clinic_id = ?").param(clinicId).query(Integer.class).single();
    }

    private ImportJob await(long jobId) throws InterruptedException {
        return ImportJobs.await(imports, jobId, Duration.ofMillis(100), Duration.ofSeconds(300));
    }
}
