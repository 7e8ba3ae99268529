package io.backstory.analytics;

import static io.backstory.analytics.RReference.assertCloseTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Reference: R's {@code prop.test(x, n, correct = FALSE)} score interval, computed in R 4.2.2 by
 * src/test/resources/io/backstory/analytics/closed-form.R.
 */
class WilsonIntervalTest {

    /** Rows of wilson.csv, written by closed-form.R: the R call, then its inputs and its interval. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/io/backstory/analytics/wilson.csv")
    void shouldMatchRPropTestWhenUncorrected(String rCall, int events, int n, double confidence, double lower,
                                             double upper) {
        assertCloseTo(WilsonInterval.of(events, n, confidence),
                new ProportionEstimate(events, n, (double) events / n, lower, upper));
    }

    @Test
    void shouldReturnNaNWhenGroupIsEmpty() {
        ProportionEstimate estimate = WilsonInterval.of(0, 0, 0.95);

        assertThat(estimate.rate()).isNaN();
        assertThat(estimate.lower()).isNaN();
        assertThat(estimate.upper()).isNaN();
    }

    @Test
    void shouldThrowWhenEventsExceedN() {
        assertThatThrownBy(() -> WilsonInterval.of(11, 10, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("events").hasMessageContaining("between 0 and n");
    }

    @Test
    void shouldThrowWhenNIsNegative() {
        assertThatThrownBy(() -> WilsonInterval.of(0, -1, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n must be >= 0");
    }

    @Test
    void shouldThrowWhenConfidenceIsOutsideZeroOne() {
        assertThatThrownBy(() -> WilsonInterval.of(1, 10, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confidence");
    }
}
