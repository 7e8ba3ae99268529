package io.backstory.analytics;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Wilson score interval for a binomial proportion, identical to R
 * {@code prop.test(x, n, correct = FALSE)$conf.int}. Wilson rather than Wald because clinic groups are
 * often small and recurrence proportions can sit near 0 or 1, where the Wald interval under-covers and
 * leaves [0, 1] (Newcombe 1998, Stat Med 17:857).
 */
public final class WilsonInterval {

    private WilsonInterval() {
    }

    /**
     * @param events     number of episodes with the outcome, 0..n
     * @param n          number of episodes, >= 0; 0 gives NaN rate and limits rather than an exception
     * @param confidence confidence level in (0, 1), e.g. 0.95
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public static ProportionEstimate of(int events, int n, double confidence) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        if (events < 0 || events > n) {
            throw new IllegalArgumentException("events must be between 0 and n (" + n + "), was " + events);
        }
        requireConfidence(confidence);
        if (n == 0) {
            return new ProportionEstimate(0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        double z = zFor(confidence);
        double p = (double) events / n;
        // Same algebra and the same exact 0/1 end points as stats:::prop.test with YATES = 0.
        double z22n = z * z / (2.0 * n);
        double root = z * Math.sqrt(p * (1 - p) / n + z22n / (2.0 * n));
        double upper = p >= 1 ? 1.0 : (p + z22n + root) / (1 + 2 * z22n);
        double lower = p <= 0 ? 0.0 : (p + z22n - root) / (1 + 2 * z22n);
        return new ProportionEstimate(events, n, p, Math.max(lower, 0.0), Math.min(upper, 1.0));
    }

    static void requireConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be strictly between 0 and 1, was " + confidence);
        }
    }

    static double zFor(double confidence) {
        return new NormalDistribution(null, 0, 1).inverseCumulativeProbability((1 + confidence) / 2);
    }
}
