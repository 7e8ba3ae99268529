package io.backstory.analytics;

import static io.backstory.analytics.RReference.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchoenfeldPowerTest {

    @ParameterizedTest(name = "D={0}, p={1}")
    @CsvSource({
        // R: z <- qnorm(1 - 0.05/2) + qnorm(0.8); exp(-z / sqrt(400 * 0.5 * 0.5))
        "400, 0.5, 0.05, 0.8, 0.75566394274368653",
        // R: z <- qnorm(1 - 0.05/2) + qnorm(0.8); exp(-z / sqrt(150 * 0.3 * 0.7))
        "150, 0.3, 0.05, 0.8, 0.60703423057230044",
        // R: z <- qnorm(1 - 0.01/2) + qnorm(0.9); exp(-z / sqrt(1000 * 0.6 * 0.4))
        "1000, 0.6, 0.01, 0.9, 0.77958553614970216",
    })
    void shouldMatchRWhenComputingMinimumDetectableHazardRatio(int events, double p, double alpha, double power,
                                                                double expected) {
        assertClose("mdhr", SchoenfeldPower.minimumDetectableHazardRatio(events, p, alpha, power), expected);
    }

    @ParameterizedTest(name = "HR={0}, p={1}")
    @CsvSource({
        // R: z <- qnorm(0.975) + qnorm(0.8); ceiling(z^2 / (0.5 * 0.5 * log(0.74)^2))  (346.28...)
        "0.74, 0.5, 0.05, 0.8, 347",
        // R: z <- qnorm(0.975) + qnorm(0.8); ceiling(z^2 / (0.3 * 0.7 * log(0.9)^2))  (3366.92...)
        "0.9, 0.3, 0.05, 0.8, 3367",
        // R: z <- qnorm(0.995) + qnorm(0.9); ceiling(z^2 / (0.6 * 0.4 * log(1.3)^2))  (900.67...)
        "1.3, 0.6, 0.01, 0.9, 901",
    })
    void shouldMatchRWhenComputingEventsNeeded(double hr, double p, double alpha, double power, int expected) {
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
