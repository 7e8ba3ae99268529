package io.backstory.analytics;

import static org.assertj.core.api.Assertions.assertThat;

/** The common brief's tolerance: 1e-6 relative to R; p-values below 1e-10 on the log scale. */
final class RelativeTolerance {

    static final double REL = 1e-6;

    private RelativeTolerance() {
    }

    static void close(String what, double actual, double expected) {
        assertThat(Math.abs(actual - expected))
                .as("%s: actual %s vs R %s", what, actual, expected)
                .isLessThanOrEqualTo(REL * Math.abs(expected) + 1e-300);
    }

    static void closeP(String what, double actual, double expected) {
        if (expected < 1e-10) {
            close("log " + what, Math.log(actual), Math.log(expected));
        } else {
            close(what, actual, expected);
        }
    }

    /**
     * A weighted fit's hazard ratio as R gives it: {@code exp(coef(fit))}, {@code summary(fit)$coefficients[,
     * "robust se"]} and the 95 % limits {@code exp(coef(fit) -/+ qnorm(0.975) * robust se)}.
     */
    record HazardRatio(double hr, double robustSe, double lower, double upper) {
    }

    /** Weights summarised as R's {@code c(min(w), max(w), mean(w))}. */
    record WeightRange(double min, double max, double mean) {
    }

    static void close(HazardRatio actual, HazardRatio r) {
        close("hr", actual.hr(), r.hr());
        close("robust se", actual.robustSe(), r.robustSe());
        close("lower", actual.lower(), r.lower());
        close("upper", actual.upper(), r.upper());
    }

    static void close(WeightRange actual, WeightRange r) {
        close("min weight", actual.min(), r.min());
        close("max weight", actual.max(), r.max());
        close("mean weight", actual.mean(), r.mean());
    }

    static void close(String what, double[] actual, double[] expected) {
        assertThat(actual).as(what + " length").hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            close(what + "[" + i + "]", actual[i], expected[i]);
        }
    }
}
