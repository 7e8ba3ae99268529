package io.backstory.analytics;

/** Chi-square test for trend in proportions (1 degree of freedom) and its upper-tail p-value. */
public record TrendResult(double chisq, double p) {
}
