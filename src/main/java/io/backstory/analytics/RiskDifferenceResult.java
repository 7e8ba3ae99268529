package io.backstory.analytics;

import java.util.List;

/**
 * The standardised risk of recurrence by the horizon in each plan group and their difference; see
 * {@link HorizonRiskDifference}.
 *
 * @param horizonDays        the horizon
 * @param riskMulti          1 - S_w(horizon) of the multi-factor plans, propensity-weighted Kaplan-Meier
 * @param riskIsolated       the same for the isolated plans
 * @param difference         riskMulti - riskIsolated (negative: fewer recurrences with multi-factor plans)
 * @param lower              lower 95 % percentile-bootstrap limit (NaN without a bootstrap)
 * @param upper              upper 95 % percentile-bootstrap limit (NaN without a bootstrap)
 * @param replicates         bootstrap replicates that produced a difference
 * @param failedReplicates   replicates that could not (a resample without one of the groups or without events)
 * @param warnings           weighting warnings of the point estimate
 */
public record RiskDifferenceResult(int horizonDays, double riskMulti, double riskIsolated, double difference,
                                   double lower, double upper, int replicates, int failedReplicates,
                                   List<String> warnings) {

    public RiskDifferenceResult {
        warnings = List.copyOf(warnings);
    }

    /** The interval excludes 0. */
    public boolean excludesZero() {
        return lower > 0 || upper < 0;
    }
}
