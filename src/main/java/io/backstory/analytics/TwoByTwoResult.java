package io.backstory.analytics;

/**
 * Multi-factor versus isolated plans at the horizon (multi over isolated), 95 % confidence limits.
 * Estimates that are undefined because of a zero cell are {@code NaN} or infinite, as R computes them
 * with the same textbook formulas (see {@link TwoByTwo}).
 */
public record TwoByTwoResult(
        double rr, double rrLower, double rrUpper,
        double or, double orLower, double orUpper,
        double rd, double rdLower, double rdUpper,
        double chisq, double chisqP, double fisherP) {
}
