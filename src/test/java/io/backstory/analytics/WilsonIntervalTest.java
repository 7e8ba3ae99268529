package io.backstory.analytics;

import static io.backstory.analytics.RReference.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WilsonIntervalTest {

    @ParameterizedTest(name = "{0}/{1} at {2}")
    @CsvSource({
        // R: prop.test(0, 10, correct = FALSE)$conf.int
        "0, 10, 0.95, 0, 0.27753279986288915",
        // R: prop.test(10, 10, correct = FALSE)$conf.int
        "10, 10, 0.95, 0.72246720013711085, 1",
        // R: prop.test(3, 10, correct = FALSE)$conf.int
        "3, 10, 0.95, 0.10779126740630104, 0.60322185253885452",
        // R: prop.test(35, 100, correct = FALSE)$conf.int
        "35, 100, 0.95, 0.26364248243097527, 0.44745556703112027",
        // R: prop.test(693, 1980, correct = FALSE)$conf.int
        "693, 1980, 0.95, 0.32929975750741791, 0.37128115466229417",
        // R: prop.test(1, 1e6, correct = FALSE)$conf.int
        "1, 1000000, 0.95, 1.7652457674537213e-07, 5.6649118043114411e-06",
        // R: prop.test(7, 40, conf.level = 0.99, correct = FALSE)$conf.int
        "7, 40, 0.99, 0.070644235036730202, 0.3718333537431997",
        // R: prop.test(1, 1, correct = FALSE)$conf.int
        "1, 1, 0.95, 0.2065493143772375, 1",
    })
    void shouldMatchRPropTestWhenUncorrected(int events, int n, double confidence, double lower, double upper) {
        ProportionEstimate estimate = WilsonInterval.of(events, n, confidence);

        assertThat(estimate.events()).isEqualTo(events);
        assertThat(estimate.n()).isEqualTo(n);
        assertClose("rate", estimate.rate(), (double) events / n);
        assertClose("lower", estimate.lower(), lower);
        assertClose("upper", estimate.upper(), upper);
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
