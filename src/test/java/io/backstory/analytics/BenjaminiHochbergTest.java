package io.backstory.analytics;

import static io.backstory.analytics.RReference.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {

    @Test
    void shouldMatchRPAdjustWhenFiveFactorsAreTested() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH")
        double[] adjusted = BenjaminiHochberg.adjust(new double[] {0.01, 0.04, 0.03, 0.005, 0.5});

        double[] expected = {0.025, 0.05, 0.05, 0.025, 0.5};
        for (int i = 0; i < expected.length; i++) {
            assertClose("p[" + i + "]", adjusted[i], expected[i]);
        }
    }

    @Test
    void shouldPassNaNThroughAndNotCountItWhenAPValueIsMissing() {
        // R: p.adjust(c(0.01, NA, 0.04, 0.03), "BH")  ->  0.03 NA 0.04 0.04
        double[] adjusted = BenjaminiHochberg.adjust(new double[] {0.01, Double.NaN, 0.04, 0.03});

        assertClose("p[0]", adjusted[0], 0.03);
        assertThat(adjusted[1]).isNaN();
        assertClose("p[2]", adjusted[2], 0.04);
        assertClose("p[3]", adjusted[3], 0.04);
    }

    @Test
    void shouldMatchRWhenPValuesTie() {
        // R: p.adjust(c(0.02, 0.02, 0.02, 0.9, 1e-12), "BH")
        double[] adjusted = BenjaminiHochberg.adjust(new double[] {0.02, 0.02, 0.02, 0.9, 1e-12});

        double[] expected = {0.025, 0.025, 0.025, 0.9, 4.9999999999999997e-12};
        for (int i = 0; i < expected.length; i++) {
            assertClose("p[" + i + "]", adjusted[i], expected[i]);
        }
    }

    @Test
    void shouldReturnEmptyWhenNoPValues() {
        assertThat(BenjaminiHochberg.adjust(new double[0])).isEmpty();
    }

    @Test
    void shouldThrowWhenPValueIsAboveOne() {
        assertThatThrownBy(() -> BenjaminiHochberg.adjust(new double[] {0.2, 1.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p[1] must be between 0 and 1");
    }
}
