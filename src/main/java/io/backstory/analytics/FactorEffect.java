package io.backstory.analytics;

/** One factor's own term in the adjusted Cox model, with its Benjamini-Hochberg adjusted p. */
public record FactorEffect(String name, double hr, double lower, double upper, double p, double pBh) {
}
