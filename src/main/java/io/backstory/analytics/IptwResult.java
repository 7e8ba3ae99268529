package io.backstory.analytics;

import java.util.List;

/**
 * Inverse-probability-of-treatment weighted hazard ratio with its robust 95 % CI.
 *
 * @param hr         weighted Cox hazard ratio, treated vs untreated
 * @param lower      lower limit {@code exp(coef - 1.959964 robust se)}
 * @param upper      upper limit {@code exp(coef + 1.959964 robust se)}
 * @param se         robust (sandwich) standard error of log(hr)
 * @param minWeight  smallest stabilised weight
 * @param maxWeight  largest stabilised weight
 * @param meanWeight mean stabilised weight (close to 1 when the propensity model is adequate)
 * @param warnings   propensity-model and weighted-model warnings, extreme weights
 */
public record IptwResult(double hr, double lower, double upper, double se, double minWeight, double maxWeight,
                         double meanWeight, List<String> warnings) {

    public IptwResult {
        warnings = List.copyOf(warnings);
    }
}
