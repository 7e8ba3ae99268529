package io.backstory.analytics;

import static io.backstory.analytics.RReference.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference: Spiegelhalter (2005) interpolated binomial limits computed in R as
 * <pre>
 * lim <- function(p) { r <- qbinom(p, n, theta); al <- (pbinom(r, n, theta) - p) / dbinom(r, n, theta)
 *                      min(1, max(0, (r - al) / n)) }
 * c(lim((1 - cov) / 2), lim(1 - (1 - cov) / 2))
 * </pre>
 */
class FunnelLimitsTest {

    @ParameterizedTest(name = "theta={0}, n={1}, coverage={2}")
    @CsvSource({
        "0.45, 20, 0.95, 0.20841318089049218, 0.64510421940615947",
        "0.45, 20, 0.998, 0.10090572109935665, 0.77116949321073469",
        "0.45, 200, 0.95, 0.37874512968257923, 0.51675705327467958",
        "0.45, 200, 0.998, 0.3398779082320178, 0.55677218907669845",
        "0.35, 1000, 0.95, 0.32008267405052482, 0.37920692654428462",
        // clamped at 0
        "0.05, 10, 0.998, 0, 0.3029537415471813",
        "0.6, 3, 0.95, 0, 0.96141975308641969",
    })
    void shouldMatchRWhenComputingLimits(double theta, int n, double coverage, double lower, double upper) {
        FunnelLimit limit = FunnelLimits.of(theta, n, coverage);

        assertThat(limit.n()).isEqualTo(n);
        assertClose("lower", limit.lower(), lower);
        assertClose("upper", limit.upper(), upper);
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
