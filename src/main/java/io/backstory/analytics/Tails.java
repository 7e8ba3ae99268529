package io.backstory.analytics;

import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * Upper-tail probabilities computed directly from the complementary functions, so that p-values
 * far below 1e-10 keep their relative precision (1 - cdf would round them to zero).
 */
final class Tails {

    private Tails() {
    }

    /** {@code 2 * pnorm(-|z|)} = erfc(|z| / sqrt 2). */
    static double twoSidedNormal(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return Erf.erfc(Math.abs(z) / Math.sqrt(2.0));
    }

    /** {@code pchisq(x, df, lower.tail = FALSE)} = Q(df / 2, x / 2). */
    static double chiSquareUpper(double x, int df) {
        if (Double.isNaN(x) || df <= 0) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1.0;
        }
        return Gamma.regularizedGammaQ(df / 2.0, x / 2.0, 1e-15, 100_000);
    }
}
