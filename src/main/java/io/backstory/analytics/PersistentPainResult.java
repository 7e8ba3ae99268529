package io.backstory.analytics;

/**
 * Non-recovery (pain that never resolved after discharge) by plan group; see {@link PersistentPain}.
 *
 * @param isolated        non-recovered among isolated plans with a known status, Wilson 95 % CI
 * @param multi           the same for multi-factor plans
 * @param comparison      multi over isolated: risk ratio, odds ratio, risk difference, chi-square, Fisher
 * @param unknownIsolated isolated-plan episodes whose recovery no check-in could tell
 * @param unknownMulti    multi-factor episodes whose recovery no check-in could tell
 */
public record PersistentPainResult(ProportionEstimate isolated, ProportionEstimate multi, TwoByTwoResult comparison,
                                   int unknownIsolated, int unknownMulti) {
}
