package io.backstory.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A clinic whose discharged episodes are all in one plan group must get a verdict, not an engine error. */
class OnePlanGroupTest {

    static List<AnalysisEpisode> cohort(int n, boolean multi, int seed) {
        return cohort(n, multi, seed, 0.3);
    }

    static List<AnalysisEpisode> cohort(int n, boolean multi, int seed, double recurrence) {
        Random random = new Random(seed);
        List<AnalysisEpisode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean recurred = random.nextDouble() < recurrence;
            out.add(new AnalysisEpisode("E" + i, true, multi, multi, false, false, 30.0 + random.nextInt(40),
                    random.nextBoolean() ? Sex.F : Sex.M, random.nextBoolean() ? Chronicity.ACUTE : Chronicity.CHRONIC,
                    (double) random.nextInt(11), (double) random.nextInt(60), (double) random.nextInt(25),
                    StartBackRisk.values()[random.nextInt(3)], random.nextInt(3), 3 + random.nextInt(6),
                    recurred ? 20 + random.nextInt(300) : 365 + random.nextInt(100), recurred));
        }
        return out;
    }

    @Test
    void shouldAnswerInsufficientDataWhenEveryEpisodeHasAMultiFactorPlan() {
        AnalysisReport report = RecurrenceAnalysis.withDefaults().analyze(cohort(80, true, 1));
        assertThat(report.verdict().code()).isEqualTo(VerdictCode.INSUFFICIENT_DATA);
        assertThat(report.verdict().sentence()).contains("80 episodes with multi-factor plans and 0 with isolated plans");
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("Log-rank test (multi-factor vs isolated) not fitted: group must have at least 2 distinct values"));
        assertThat(report.toJson()).contains("\"code\":\"INSUFFICIENT_DATA\"", "\"logrank\":{\"chisq\":null");
    }

    @Test
    void shouldAnswerInsufficientDataWhenEveryEpisodeHasAnIsolatedPlan() {
        AnalysisReport report = RecurrenceAnalysis.withDefaults().analyze(cohort(80, false, 2));
        assertThat(report.verdict().code()).isEqualTo(VerdictCode.INSUFFICIENT_DATA);
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).startsWith("propensity weighting could not be fitted: "));
    }

    @Test
    void shouldReportTheCoxModelAsNotFittedWhenNothingRecurredYet() {
        List<AnalysisEpisode> episodes = new ArrayList<>(cohort(40, true, 4, 0));
        episodes.addAll(cohort(40, false, 5, 0));
        AnalysisReport report = RecurrenceAnalysis.withDefaults().analyze(episodes);
        assertThat(report.verdict().code()).isEqualTo(VerdictCode.INSUFFICIENT_DATA);
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).startsWith("Cox model (primary) not fitted: "));
        assertThat(report.toJson()).contains("\"code\":\"INSUFFICIENT_DATA\"");
    }

    @Test
    void shouldAnswerInsufficientDataForASingleEpisode() {
        AnalysisReport report = RecurrenceAnalysis.withDefaults().analyze(cohort(1, true, 3));
        assertThat(report.verdict().code()).isEqualTo(VerdictCode.INSUFFICIENT_DATA);
        assertThat(report.toJson()).contains("\"code\":\"INSUFFICIENT_DATA\"");
    }
}
