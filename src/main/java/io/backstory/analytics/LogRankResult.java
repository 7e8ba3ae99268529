package io.backstory.analytics;

/**
 * Log-rank test: chi-square on {@code df} degrees of freedom, and per group (in ascending group order,
 * only groups that have rows) the observed and expected numbers of events.
 */
public record LogRankResult(double chisq, int df, double p, double[] observed, double[] expected, int[] groups) {
}
