package io.backstory.analytics;

/**
 * E-values (VanderWeele &amp; Ding 2017): the minimum strength of association, on the risk-ratio scale, that
 * an unmeasured confounder would need with both exposure and outcome to explain away the point estimate
 * ({@code point}) or to move the confidence interval to include 1 ({@code ci}; 1 when it already does).
 */
public record EValueResult(double point, double ci) {
}
