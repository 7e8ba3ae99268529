package io.backstory.analytics;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Exact binomial funnel-plot limits around the clinic's recurrence rate, with the interpolation of
 * Spiegelhalter (2005, Stat Med 24:1185-1202, appendix A.1.1): the discrete quantile is smoothed so the
 * funnel is a continuous curve. For tail probability p: r_p = qbinom(p, n, theta),
 * alpha = (pbinom(r_p, n, theta) - p) / dbinom(r_p, n, theta), limit = (r_p - alpha) / n, clamped to
 * [0, 1]. A therapist outside the 95 % limits is worth a look; outside 99.8 % (about 3 SD) is an alarm.
 */
public final class FunnelLimits {

    private FunnelLimits() {
    }

    /**
     * @param clinicRate the clinic's overall recurrence proportion, 0..1
     * @param n          the therapist's number of episodes, > 0
     * @param coverage   e.g. 0.95 or 0.998
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public static FunnelLimit of(double clinicRate, int n, double coverage) {
        if (!(clinicRate >= 0 && clinicRate <= 1)) {
            throw new IllegalArgumentException("clinicRate must be between 0 and 1, was " + clinicRate);
        }
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, was " + n);
        }
        if (!(coverage > 0 && coverage < 1)) {
            throw new IllegalArgumentException("coverage must be strictly between 0 and 1, was " + coverage);
        }
        BinomialDistribution binomial = new BinomialDistribution(null, n, clinicRate);
        double tail = (1 - coverage) / 2;
        return new FunnelLimit(n, limit(binomial, n, tail), limit(binomial, n, 1 - tail));
    }

    private static double limit(BinomialDistribution binomial, int n, double p) {
        int r = binomial.inverseCumulativeProbability(p);
        double alpha = (binomial.cumulativeProbability(r) - p) / binomial.probability(r);
        double value = (r - alpha) / n;
        return Math.max(0.0, Math.min(1.0, value));
    }
}
