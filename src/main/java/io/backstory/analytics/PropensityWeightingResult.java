package io.backstory.analytics;

import java.util.List;

/**
 * A propensity-weighted comparison of multi-factor (treated) with isolated plans; see
 * {@link PropensityWeighting}.
 *
 * @param scheme                 the weights used
 * @param lowerQuantile          truncation quantile below (NaN: not truncated)
 * @param upperQuantile          truncation quantile above (NaN: not truncated)
 * @param lowerCut               the weight at the lower quantile, {@code quantile(w, lower)} (NaN: not truncated)
 * @param upperCut               the weight at the upper quantile (NaN: not truncated)
 * @param truncatedRows          rows whose weight truncation changed
 * @param minWeight              smallest final weight
 * @param maxWeight              largest final weight
 * @param meanWeight             mean final weight
 * @param maxUntruncatedWeight   largest weight before truncation (how bad positivity was)
 * @param hr                     weighted Cox hazard ratio, treated vs untreated
 * @param lower                  lower 95 % limit with the robust standard error
 * @param upper                  upper 95 % limit with the robust standard error
 * @param se                     robust (sandwich) standard error of log(hr)
 * @param nTreated               treated rows
 * @param nUntreated             untreated rows
 * @param essTreated             Kish effective sample size of the treated, (sum w)^2 / sum w^2
 * @param essUntreated           Kish effective sample size of the untreated
 * @param balance                standardised mean differences before and after weighting
 * @param warnings               propensity-model, weighted-model, extreme-weight and balance warnings
 * @param weights                the final weight of each row (shared, treat as read-only)
 * @param propensity             the fitted propensity of each row (shared, treat as read-only)
 */
public record PropensityWeightingResult(
        PropensityWeighting.Scheme scheme, double lowerQuantile, double upperQuantile, double lowerCut, double upperCut,
        int truncatedRows, double minWeight, double maxWeight, double meanWeight, double maxUntruncatedWeight,
        double hr, double lower, double upper, double se, int nTreated, int nUntreated, double essTreated,
        double essUntreated, BalanceTable balance, List<String> warnings, double[] weights, double[] propensity) {

    public PropensityWeightingResult {
        warnings = List.copyOf(warnings);
    }

    /** Balance holds: every |SMD| after weighting below {@link BalanceTable#THRESHOLD}. */
    public boolean balanced() {
        return balance.balanced();
    }
}
