package io.backstory.analytics;

import org.apache.commons.math3.distribution.HypergeometricDistribution;

/**
 * Two-sided Fisher exact test for a 2 x 2 table with R's rule: the p-value sums the null (odds ratio 1)
 * hypergeometric probabilities of every table no more likely than the observed one, with R's relative
 * tolerance {@code d <= d_obs * (1 + 1e-7)} so that mathematically tied tables are counted despite
 * rounding ({@code stats::fisher.test}).
 *
 * <p>For n up to 10^6 the support has up to 10^6 points, so densities are evaluated in log space (Loader's
 * saddle-point algorithm, the one R's {@code dhyper} uses) and summed outward from the mode, stopping once
 * further terms can no longer change the sum; the work is a few thousand evaluations at most.
 */
final class FisherExact {

    private static final double REL_ERR = 1 + 1e-7;
    /** Terms below this fraction of the running tail sum cannot change the p-value at double precision. */
    private static final double NEGLIGIBLE = 1e-20;

    private FisherExact() {
    }

    /** Table [[a, b], [c, d]]; the margin fixed is the first column (a + c) as in R. */
    static double twoSided(int a, int b, int c, int d) {
        int m = a + c;          // first column total (events)
        int n = b + d;          // second column total
        int k = a + b;          // first row total
        int lo = Math.max(0, k - n);
        int hi = Math.min(k, m);
        if (lo == hi) {
            return 1.0;
        }
        HypergeometricDistribution h = new HypergeometricDistribution(null, m + n, m, k);
        int mode = (int) Math.floor(((double) k + 1) * ((double) m + 1) / ((double) m + n + 2));
        mode = Math.max(lo, Math.min(hi, mode));
        double logMax = h.logProbability(mode);
        double threshold = Math.exp(h.logProbability(a) - logMax) * REL_ERR;

        double total = 0;
        double tail = 0;
        // From the mode downward, then upward from the one above it; each side stops once its terms are negligible.
        for (int dir = -1; dir <= 1; dir += 2) {
            for (int x = dir < 0 ? mode : mode + 1; x >= lo && x <= hi; x += dir) {
                double w = Math.exp(h.logProbability(x) - logMax);
                total += w;
                if (w <= threshold) {
                    tail += w;
                    if (w == 0 || w < NEGLIGIBLE * tail) {
                        break;
                    }
                }
            }
        }
        return Math.max(0.0, Math.min(1.0, tail / total));
    }
}
