package io.backstory.analytics;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything the recurrence report shows, computed once from one dataset. Immutable; the dashboard,
 * the PDF, the JSON API and the command line all render this same object.
 *
 * @param followUpCompleteness share of episodes followed for the whole horizon or until recurrence
 * @param minDetectableHr      Schoenfeld: the smallest HR (< 1) detectable at 80 % power, alpha 0.05
 * @param cox                  the plain adjusted Cox model (R {@code coxph(Surv(time, status) ~ multifactor + covariates)})
 * @param primary              the primary model: stratified by therapist with cluster-robust variance by therapist
 *                             when the data name at least two therapists, else the plain model; with cox.zph
 * @param therapists           distinct therapists among the complete cases (0: not known for every episode)
 * @param coxWithVisits        the primary model plus {@code ns(visits, df = 3)}
 * @param visitsChange         the plan's HR with visits over the primary HR (null when either lacks it)
 * @param iptw                 stabilised IPTW truncated at the 1st/99th percentiles (null: could not be fitted)
 * @param loss                 loss to follow-up by group (null: a group is empty)
 * @param ipcw                 IPCW weights and the weighted outcome model (null: could not be fitted)
 * @param piecewise            HR before/after 90 days, only when the PH test failed
 * @param riskDifference       standardised risk difference at the horizon, only when the PH test failed
 * @param persistentPain       non-recovery by group, only with a recovered column
 * @param composite            the primary model on "never recovered or recurred", only with a recovered column
 * @param timingMs             time spent in the analysis itself (no JVM start-up, no CSV parsing)
 */
public record AnalysisReport(
        int n, int events, int horizonDays, int isolatedMaxBreadth, double followUpCompleteness,
        ProportionEstimate isolatedRate, ProportionEstimate multiRate, TwoByTwoResult twoByTwo, TrendResult trend,
        SurvivalCurve kmIsolated, SurvivalCurve kmMulti, LogRankResult logRank, LogRankResult logRankBreadth,
        CoxResult cox, CoxResult primary, int therapists, CoxResult coxWithVisits,
        @Nullable HazardRatioChange visitsChange, LogisticResult logistic, List<FactorEffect> factors,
        @Nullable PropensityWeightingResult iptw, @Nullable LossToFollowUpResult loss, @Nullable IpcwResult ipcw,
        @Nullable PiecewiseCoxResult piecewise, @Nullable RiskDifferenceResult riskDifference,
        @Nullable PersistentPainResult persistentPain, @Nullable CoxResult composite, EValueResult eValue, double minDetectableHr, VerdictResult verdict,
        List<String> warnings, double timingMs) {

    public AnalysisReport {
        factors = List.copyOf(factors);
        warnings = List.copyOf(warnings);
    }

    /** The primary hazard ratio of multi-factor over isolated plans (NaN when not estimable). */
    public ModelTerm adjustedEffect() {
        return RecurrenceAnalysis.exposureTerm(primary);
    }

    /** The plain adjusted hazard ratio (not stratified by therapist). */
    public ModelTerm plainEffect() {
        return RecurrenceAnalysis.exposureTerm(cox);
    }

    public String toJson() {
        return AnalysisJson.write(this);
    }
}
