package io.backstory.analytics;

import static io.backstory.analytics.RReference.assertCloseTo;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Reference: Spiegelhalter (2005) interpolated binomial limits, computed in R 4.2.2 by {@code funnel()} in
 * src/test/resources/io/backstory/analytics/closed-form.R.
 */
class FunnelLimitsTest {

    /** Rows of funnel-limits.csv, written by closed-form.R: the R call, then its inputs and its limits. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/io/backstory/analytics/funnel-limits.csv")
    void shouldMatchRWhenComputingLimits(String rCall, double theta, int n, double coverage, double lower,
                                         double upper) {
        assertCloseTo(FunnelLimits.of(theta, n, coverage), new FunnelLimit(n, lower, upper));
    }

    @Test
    void shouldThrowWhenNIsZero() {
        assertThatThrownBy(() -> FunnelLimits.of(0.4, 0, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n must be > 0");
    }

    @Test
    void shouldThrowWhenRateIsAboveOne() {
        assertThatThrownBy(() -> FunnelLimits.of(1.2, 10, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clinicRate must be between 0 and 1");
    }
}
