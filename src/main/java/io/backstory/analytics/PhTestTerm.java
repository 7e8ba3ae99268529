package io.backstory.analytics;

/**
 * One row of {@code cox.zph(fit)$table}: the score test that a term's coefficient does not change with
 * g(t) (proportional hazards).
 *
 * @param name  the term ({@code "GLOBAL"} for the joint test of every term)
 * @param chisq the score statistic
 * @param df    its degrees of freedom: the term's number of columns
 * @param p     {@code pchisq(chisq, df, lower.tail = FALSE)}; small p: the hazard ratio changes over time
 */
public record PhTestTerm(String name, double chisq, int df, double p) {
}
