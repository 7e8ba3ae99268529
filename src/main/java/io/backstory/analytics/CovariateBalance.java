package io.backstory.analytics;

/**
 * One covariate (or one level of a categorical covariate, as a 0/1 dummy) compared between multi-factor
 * (treated) and isolated (untreated) plans before and after weighting; see {@link BalanceTable} for the
 * formula.
 *
 * @param name                   the column name, e.g. {@code age} or {@code startback[high]}
 * @param binary                 the column holds only 0 and 1 (a dummy level)
 * @param meanTreated            unweighted mean among the treated (for a dummy: the share)
 * @param meanUntreated          unweighted mean among the untreated
 * @param weightedMeanTreated    weighted mean among the treated, sum(w x) / sum(w)
 * @param weightedMeanUntreated  weighted mean among the untreated
 * @param pooledSd               the unweighted pooled standard deviation, the denominator of both SMDs
 * @param smdBefore              standardised mean difference before weighting, treated minus untreated
 * @param smdAfter               standardised mean difference after weighting
 */
public record CovariateBalance(String name, boolean binary, double meanTreated, double meanUntreated,
                               double weightedMeanTreated, double weightedMeanUntreated, double pooledSd,
                               double smdBefore, double smdAfter) {
}
