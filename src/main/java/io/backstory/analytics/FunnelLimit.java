package io.backstory.analytics;

/** Control limits of a funnel plot at one sample size n (proportions, within [0, 1]). */
public record FunnelLimit(int n, double lower, double upper) {
}
