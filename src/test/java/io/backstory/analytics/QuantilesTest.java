package io.backstory.analytics;

import static io.backstory.analytics.RelativeTolerance.close;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuantilesTest {

    @Test
    void shouldMatchRWhenInterpolatingType7() {
        double[] x = {3.1, 0.2, 7, 7, 1.5, 2.25, 12};

        double[] q = Quantiles.type7(x, 0, .01, .25, .5, .9, .99, 1);

        // quantile(c(3.1, 0.2, 7, 7, 1.5, 2.25, 12), c(0, .01, .25, .5, .9, .99, 1))
        close("quantiles", q, new double[] {0.2, 0.27800000000000008, 1.875, 3.1000000000000001, 9.0000000000000018,
            11.699999999999998, 12});
    }

    @Test
    void shouldRejectProbabilityAboveOneThrows() {
        assertThatThrownBy(() -> Quantiles.type7(new double[] {1, 2}, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probs[0]");
    }

    @Test
    void shouldRejectEmptyValuesThrows() {
        assertThatThrownBy(() -> Quantiles.type7(new double[0], 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values");
    }
}
