package io.backstory.analytics;

import static io.backstory.analytics.RReference.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class SchoenfeldPowerTest {

    /** Rows of schoenfeld-mdhr.csv, written by closed-form.R: the R call, then its inputs and its value. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/io/backstory/analytics/schoenfeld-mdhr.csv")
    void shouldMatchRWhenComputingMinimumDetectableHazardRatio(String rCall, int events, double p, double alpha,
                                                                double power,
                                                                double expected) {
        assertClose("mdhr", SchoenfeldPower.minimumDetectableHazardRatio(events, p, alpha, power), expected);
    }

    /** Rows of schoenfeld-events.csv, written by closed-form.R: the R call, then its inputs and its value. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/io/backstory/analytics/schoenfeld-events.csv")
    void shouldMatchRWhenComputingEventsNeeded(String rCall, double hr, double p, double alpha, double power,
                                               int expected) {
        assertThat(SchoenfeldPower.eventsNeeded(hr, p, alpha, power)).isEqualTo(expected);
    }

    @Test
    void shouldThrowWhenHazardRatioIsOne() {
        assertThatThrownBy(() -> SchoenfeldPower.eventsNeeded(1.0, 0.5, 0.05, 0.8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hr must be");
    }

    @Test
    void shouldThrowWhenProportionExposedIsZero() {
        assertThatThrownBy(() -> SchoenfeldPower.minimumDetectableHazardRatio(100, 0, 0.05, 0.8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proportionExposed");
    }

    @Test
    void shouldThrowWhenNoEvents() {
        assertThatThrownBy(() -> SchoenfeldPower.minimumDetectableHazardRatio(0, 0.5, 0.05, 0.8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("events must be > 0");
    }
}
