package io.backstory.analytics;

import java.util.Arrays;

/** Sample quantiles as R's {@code quantile(x, probs)} with its default {@code type = 7}. */
final class Quantiles {

    private Quantiles() {
    }

    /**
     * R's type 7: with the values sorted, h = 1 + (n - 1) p, and the quantile interpolates linearly between
     * the order statistics floor(h) and ceiling(h), computed as R does, (1 - g) x[lo] + g x[hi].
     *
     * @param values finite values (not modified)
     * @param probs  probabilities in [0, 1]
     */
    static double[] type7(double[] values, double... probs) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("values must contain at least one value");
        }
        double[] x = values.clone();
        Arrays.sort(x);
        int n = x.length;
        double[] out = new double[probs.length];
        for (int k = 0; k < probs.length; k++) {
            double p = probs[k];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probs[" + k + "] must be between 0 and 1, was " + p);
            }
            double index = 1 + (n - 1) * p;
            int lo = (int) Math.floor(index);
            int hi = (int) Math.ceil(index);
            double q = x[lo - 1];
            double g = index - lo;
            if (index > lo && x[hi - 1] != q) {
                q = (1 - g) * q + g * x[hi - 1];
            }
            out[k] = q;
        }
        return out;
    }
}
