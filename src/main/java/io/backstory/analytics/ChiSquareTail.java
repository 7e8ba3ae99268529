package io.backstory.analytics;

import org.apache.commons.math3.special.Gamma;

/**
 * Upper tail of the chi-square distribution, computed directly as Q(df/2, x/2) rather than 1 - CDF so
 * that small p-values keep their relative precision (as R {@code pchisq(x, df, lower.tail = FALSE)}).
 */
final class ChiSquareTail {

    private ChiSquareTail() {
    }

    static double upper(double x, int df) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1.0;
        }
        if (Double.isInfinite(x)) {
            return 0.0;
        }
        return Gamma.regularizedGammaQ(df / 2.0, x / 2.0, 1e-15, 100_000);
    }
}
