package io.backstory.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The honest verdict on planted-truth cohorts (issue 10, "done when"): datasets where we know whether multi-factor
 * plans change recurrence. {@link PlantedCohort} writes 3,000 discharged episodes per scenario with one seeded
 * generator: the demo clinic's case mix, 12 therapists at 3 locations, plans chosen by a measured indication
 * (sicker patients get broader plans), 12 % who never recover, Weibull recurrence after a 30-day recovery window
 * that depends on measured covariates (and the planted plan HR), check-ins on days 30, 91, 182 and 365 answered
 * with probability 0.92, and 5 % of patients who stop answering when their pain returns. Each scenario changes one
 * thing: BENEFIT plants HR 0.7 and HARM HR 1.4; CONFOUNDED_NULL makes the plan follow severity seven times as
 * strongly (extreme weights, unbalanced groups); DOSE_ONLY_NULL lets recurrence depend on visits only, with broad
 * plans getting more visits; DIFFERENTIAL_LOSS_NULL makes recurring multi-factor patients stop answering 25 % of the
 * time against 5 %; THERAPIST_NULL gives one therapist most broad plans and patients who recur less for other
 * reasons. The four null cohorts must never get SUPPORTS or CONTRADICTS, and each must say why.
 */
class PlantedVerdictTest {

    private static final Map<PlantedCohort.Scenario, AnalysisReport> REPORTS = new EnumMap<>(PlantedCohort.Scenario.class);

    @BeforeAll
    static void analyseEveryScenario() {
        for (PlantedCohort.Scenario s : PlantedCohort.Scenario.values()) {
            REPORTS.put(s, RecurrenceAnalysis.withDefaults().withCheckInDays(PlantedCohort.CHECK_IN_DAYS)
                    .analyze(PlantedCohort.generate(s)));
        }
    }

    private static AnalysisReport report(PlantedCohort.Scenario s) {
        AnalysisReport r = REPORTS.get(s);
        System.out.printf("%s: %s primary %.3f (%.3f-%.3f) visits %s iptw %.3f (%.3f-%.3f) reasons %s%n", s,
                r.verdict().code(), r.adjustedEffect().ratio(), r.adjustedEffect().lower(), r.adjustedEffect().upper(),
                RecurrenceAnalysis.exposureTerm(r.coxWithVisits()), r.iptw().hr(), r.iptw().lower(), r.iptw().upper(),
                r.verdict().reasons());
        return r;
    }

    @Test
    void shouldSupportTheClaimWhenMultiFactorPlansTrulyHelp() {
        AnalysisReport r = report(PlantedCohort.Scenario.BENEFIT);

        assertThat(r.verdict().code()).as(r.verdict().reasons().toString()).isEqualTo(VerdictCode.SUPPORTS);
        assertThat(r.verdict().reasons()).isEmpty();
        assertThat(r.therapists()).isEqualTo(PlantedCohort.THERAPISTS);
        assertThat(r.primary().strata()).isEqualTo(PlantedCohort.THERAPISTS);
        assertThat(r.verdict().sentence()).contains("comparing patients of the same therapist", "association",
                "other differences between patients could explain all of this").doesNotContain("prevent");
    }

    @Test
    void shouldContradictTheClaimWhenMultiFactorPlansTrulyHurt() {
        AnalysisReport r = report(PlantedCohort.Scenario.HARM);

        assertThat(r.verdict().code()).as(r.verdict().reasons().toString()).isEqualTo(VerdictCode.CONTRADICTS);
        assertThat(r.verdict().sentence()).doesNotContain("prevent");
    }

    @ParameterizedTest
    @EnumSource(value = PlantedCohort.Scenario.class, names = {"CONFOUNDED_NULL", "DOSE_ONLY_NULL",
        "DIFFERENTIAL_LOSS_NULL", "THERAPIST_NULL"})
    void shouldNeverSupportOrContradictWhenPlansTrulyHaveNoEffect(PlantedCohort.Scenario scenario) {
        AnalysisReport r = report(scenario);

        assertThat(r.verdict().code()).isIn(VerdictCode.INCONCLUSIVE, VerdictCode.INSUFFICIENT_DATA);
        assertThat(r.verdict().sentence()).doesNotContain("prevent");
    }

    @Test
    void shouldNameTheVisitsWhenOnlyTheDoseMatters() {
        AnalysisReport r = report(PlantedCohort.Scenario.DOSE_ONLY_NULL);

        assertThat(r.verdict().reasons()).anyMatch(s -> s.contains("number of visits"));
        assertThat(r.verdict().sentence()).contains("More data alone will not settle this");
    }

    @Test
    void shouldNameTheCompletenessGapWhenRecurringPatientsStopAnswering() {
        AnalysisReport r = report(PlantedCohort.Scenario.DIFFERENTIAL_LOSS_NULL);

        assertThat(r.verdict().reasons()).anyMatch(s -> s.contains("Follow-up is less complete in one group"));
        assertThat(r.loss().completenessGap()).isLessThan(-Verdict.MAX_COMPLETENESS_GAP);
    }

    @Test
    void shouldNotBlameChanceWhenTheGroupsAreNotComparable() {
        AnalysisReport r = report(PlantedCohort.Scenario.CONFOUNDED_NULL);

        assertThat(r.verdict().reasons()).anyMatch(s -> s.contains("Even after weighting"));
        assertThat(r.verdict().sentence()).contains("More data alone will not settle this")
                .doesNotContain("more than now");
    }

    @Test
    void shouldSayWhatItCouldNotCheckWhenTheDataHaveNoTherapist() {
        List<AnalysisEpisode> withoutCare = PlantedCohort.generate(PlantedCohort.Scenario.BENEFIT).stream()
                .map(e -> e.withCare(null, null).withRecovered(null)).toList();

        AnalysisReport r = RecurrenceAnalysis.withDefaults().analyze(withoutCare);

        assertThat(r.verdict().code()).isEqualTo(VerdictCode.INCONCLUSIVE);
        assertThat(r.verdict().reasons()).anyMatch(s -> s.contains("which therapist treated each patient"));
        assertThat(r.verdict().warnings()).anyMatch(s -> s.contains("no therapist_id column"))
                .anyMatch(s -> s.contains("no location_id column")).anyMatch(s -> s.contains("no recovered column"));
        assertThat(r.therapists()).isZero();
        assertThat(r.persistentPain()).isNull();
    }
}
