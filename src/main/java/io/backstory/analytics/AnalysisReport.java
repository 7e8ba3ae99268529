package io.backstory.analytics;

import java.util.List;

/**
 * Everything the recurrence report shows, computed once from one dataset. Immutable; the dashboard,
 * the PDF, the JSON API and the command line all render this same object.
 *
 * @param followUpCompleteness share of episodes followed for the whole horizon or until recurrence
 * @param minDetectableHr      Schoenfeld: the smallest HR (< 1) detectable at 80 % power, alpha 0.05
 * @param timingMs             time spent in the analysis itself (no JVM start-up, no CSV parsing)
 */
public record AnalysisReport(
        int n, int events, int horizonDays, int isolatedMaxBreadth, double followUpCompleteness,
        ProportionEstimate isolatedRate, ProportionEstimate multiRate, TwoByTwoResult twoByTwo, TrendResult trend,
        SurvivalCurve kmIsolated, SurvivalCurve kmMulti, LogRankResult logRank, LogRankResult logRankBreadth,
        CoxResult cox, CoxResult coxWithVisits, LogisticResult logistic, List<FactorEffect> factors,
        IptwResult iptw, EValueResult eValue, double minDetectableHr, VerdictResult verdict,
        List<String> warnings, double timingMs) {

    public AnalysisReport {
        factors = List.copyOf(factors);
        warnings = List.copyOf(warnings);
    }

    /** The adjusted hazard ratio of multi-factor over isolated plans (NaN when not estimable). */
    public ModelTerm adjustedEffect() {
        return RecurrenceAnalysis.exposureTerm(cox);
    }

    public String toJson() {
        return AnalysisJson.write(this);
    }
}
