package io.backstory.analytics;

import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * Upper-tail probabilities computed directly from the complementary functions, so that p-values
 * far below 1e-10 keep their relative precision (1 - cdf would round them to zero). The one home of
 * these tails: every test in the engine (log-rank, trend, 2x2, Cox LR/score, cox.zph) calls them.
 */
final class Tails {

    /** Relative accuracy asked of the regularized incomplete gamma series, near double precision. */
    private static final double GAMMA_EPSILON = 1e-15;
    /** Iteration cap of that series; reached only for absurd df, never by the report's tests. */
    private static final int GAMMA_MAX_ITERATIONS = 100_000;

    private Tails() {
    }

    /** {@code 2 * pnorm(-|z|)} = erfc(|z| / sqrt 2). */
    static double twoSidedNormal(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return Erf.erfc(Math.abs(z) / Math.sqrt(2.0));
    }

    /**
     * {@code pchisq(x, df, lower.tail = FALSE)} = Q(df / 2, x / 2): 1 for x &le; 0, 0 for x = +&infin;,
     * NaN for NaN or a test without degrees of freedom (df &le; 0).
     */
    static double chiSquareUpper(double x, int df) {
        if (Double.isNaN(x) || df <= 0) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1.0;
        }
        if (Double.isInfinite(x)) {
            return 0.0;
        }
        return Gamma.regularizedGammaQ(df / 2.0, x / 2.0, GAMMA_EPSILON, GAMMA_MAX_ITERATIONS);
    }
}
