package io.backstory.analytics;

import static io.backstory.analytics.RReference.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CRAN EValue package is not installable here, so the reference is VanderWeele &amp; Ding's formula in R:
 * <pre>
 * conv <- function(h) if (rare) h else (1 - 0.5^sqrt(h)) / (1 - 0.5^sqrt(1/h))
 * e <- function(rr) { if (rr < 1) rr <- 1/rr; rr + sqrt(rr*(rr-1)) }
 * point <- e(conv(hr)); ci <- if (lo <= 1 && hi >= 1) 1 else e(conv(if (hr > 1) lo else hi))
 * </pre>
 */
class EValueTest {

    @ParameterizedTest(name = "HR {0} ({1}, {2}) rare={3}")
    @CsvSource({
        "0.74, 0.63, 0.87, false, 1.7661984358376874, 1.4353587026781884",
        "0.74, 0.63, 0.87, true, 2.0404080423774031, 1.5638564684441365",
        "1.8, 1.2, 2.7, false, 2.3671432712952765, 1.5255309175787344",
        "1.8, 1.2, 2.7, true, 3, 1.6898979485566354",
        "0.9, 0.75, 1.08, false, 1.3612206313389328, 1",
        "0.5, 0.3, 0.99, false, 2.6064092655308877, 1.0908926711143352",
    })
    void shouldMatchFormulaWhenComputingEValue(double hr, double lower, double upper, boolean rare,
                                                double point, double ci) {
        EValueResult e = EValue.forRatio(hr, lower, upper, rare);

        assertClose("point", e.point(), point);
        assertClose("ci", e.ci(), ci);
    }

    @Test
    void shouldGiveOneWhenEstimateIsNull() {
        EValueResult e = EValue.forRatio(1.0, 0.8, 1.25, false);

        assertThat(e.point()).isEqualTo(1.0);
        assertThat(e.ci()).isEqualTo(1.0);
    }

    @Test
    void shouldThrowWhenEstimateIsOutsideLimits() {
        assertThatThrownBy(() -> EValue.forRatio(0.5, 0.6, 0.9, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower <= estimate <= upper");
    }

    @Test
    void shouldThrowWhenEstimateIsNotPositive() {
        assertThatThrownBy(() -> EValue.forRatio(0, 0, 0.9, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("estimate must be a finite ratio > 0");
    }
}
