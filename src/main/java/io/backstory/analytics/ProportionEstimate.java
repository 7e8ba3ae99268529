package io.backstory.analytics;

/**
 * A proportion with its confidence limits, e.g. the recurrence proportion of one group at the horizon.
 * With {@code n == 0} the rate and both limits are {@code NaN}: an empty group has no proportion.
 */
public record ProportionEstimate(int events, int n, double rate, double lower, double upper) {
}
