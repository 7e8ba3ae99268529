package io.backstory.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.analytics.AnalysisEpisode;
import io.backstory.analytics.Chronicity;
import io.backstory.analytics.Sex;
import io.backstory.analytics.StartBackRisk;
import io.backstory.analytics.VerdictCode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The owner report of a clinic whose discharged episodes all had multi-factor plans (a clinic that always treats
 * broadly): it used to fail with "group must have at least 2 distinct values"; it must open with INSUFFICIENT_DATA.
 */
class OnePlanGroupReportTest {

    private static List<EpisodeRow> rows(int n, boolean multi) {
        Random random = new Random(7);
        List<EpisodeRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean recurred = random.nextDouble() < 0.3;
            AnalysisEpisode e = new AnalysisEpisode("E" + i, true, multi, multi, multi, false, 30.0 + random.nextInt(40),
                    random.nextBoolean() ? Sex.F : Sex.M, Chronicity.values()[random.nextInt(3)], (double) random.nextInt(11),
                    (double) random.nextInt(60), (double) random.nextInt(25), StartBackRisk.values()[random.nextInt(3)],
                    random.nextInt(3), 3 + random.nextInt(6), recurred ? 20 + random.nextInt(300) : 400, recurred);
            rows.add(new EpisodeRow(e, 1 + i % 2, 1, LocalDate.of(2025, 1 + i % 12, 10)));
        }
        return rows;
    }

    @Test
    void shouldOpenTheOwnerReportWithInsufficientDataWhenEveryPlanIsMultiFactor() {
        RecurrenceReport report = RecurrenceReportService.assemble(ReportFilter.all(), 365, 1, rows(60, true),
                List.of(new ReportOptions.Option(1, "Ana"), new ReportOptions.Option(2, "Ben")), 3, "v1", Instant.EPOCH);

        assertThat(report.analysis()).isNotNull();
        assertThat(report.analysis().verdict().code()).isEqualTo(VerdictCode.INSUFFICIENT_DATA);
        assertThat(report.analysis().verdict().sentence()).contains("60 episodes with multi-factor plans and 0 with isolated plans");
        assertThat(report.analysis().warnings())
                .anySatisfy(w -> assertThat(w).startsWith("Log-rank test (multi-factor vs isolated) not fitted"));
        byte[] pdf = ReportPdf.render("One-group clinic", report, new ReportOptions(List.of(new ReportOptions.Option(1, "Main")),
                List.of(new ReportOptions.Option(1, "Ana"), new ReportOptions.Option(2, "Ben")), 365));
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
    }

    @Test
    void shouldAnswerInsufficientDataJsonWhenNoEpisodeMatches() {
        assertThat(RecurrenceReportService.noEpisodesJson(180))
                .contains("\"n\":0", "\"horizon_days\":180", "\"code\":\"INSUFFICIENT_DATA\"");
    }
}
