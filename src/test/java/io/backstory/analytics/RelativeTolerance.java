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

    static void close(String what, double[] actual, double[] expected) {
        assertThat(actual).as(what + " length").hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            close(what + "[" + i + "]", actual[i], expected[i]);
        }
    }
}
