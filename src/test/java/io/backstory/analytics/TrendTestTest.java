package io.backstory.analytics;

import static io.backstory.analytics.RReference.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrendTestTest {

    private static final int[] SMOKERS = {83, 90, 129, 70};
    private static final int[] PATIENTS = {86, 93, 136, 82};

    @Test
    void shouldMatchRWhenScoresAreGroupIndices() {
        // R: prop.trend.test(c(83, 90, 129, 70), c(86, 93, 136, 82))  (the example of ?prop.trend.test)
        TrendResult r = TrendTest.cochranArmitage(SMOKERS, PATIENTS, new double[] {1, 2, 3, 4});

        assertClose("chisq", r.chisq(), 8.2249222851977102);
        assertClose("p", r.p(), 0.004131897477641487);
    }

    @Test
    void shouldMatchRWhenScoresAreCustom() {
        // R: prop.trend.test(c(83, 90, 129, 70), c(86, 93, 136, 82), c(0, 0, 0, 1))
        TrendResult r = TrendTest.cochranArmitage(SMOKERS, PATIENTS, new double[] {0, 0, 0, 1});

        assertClose("chisq", r.chisq(), 12.173146220740252);
        assertClose("p", r.p(), 0.00048482459344167451);
    }

    @Test
    void shouldMatchRWhenRecurrenceFallsWithBreadth() {
        // R: prop.trend.test(c(40, 35, 30, 25, 20, 15), rep(60, 6), 0:5)
        TrendResult r = TrendTest.cochranArmitage(new int[] {40, 35, 30, 25, 20, 15}, new int[] {60, 60, 60, 60, 60, 60},
                new double[] {0, 1, 2, 3, 4, 5});

        assertClose("chisq", r.chisq(), 29.370629370629359);
        assertClose("p", r.p(), 5.9776772394501334e-08);
    }

    @Test
    void shouldDropGroupWhenItHasNoEpisodes() {
        // R: prop.trend.test(c(1, 0, 5), c(10, 0, 20), c(0, 1, 2))  (R omits the 0/0 group with a warning)
        TrendResult r = TrendTest.cochranArmitage(new int[] {1, 0, 5}, new int[] {10, 0, 20}, new double[] {0, 1, 2});

        assertClose("chisq", r.chisq(), 0.93750000000000011);
        assertClose("p", r.p(), 0.33292160806556592);
    }

    @Test
    void shouldReturnNaNWhenNobodyRecurred() {
        // R stops with "NA/NaN/Inf in 'x'" here; Backstory reports "not estimable" instead of failing.
        TrendResult r = TrendTest.cochranArmitage(new int[] {0, 0, 0}, new int[] {10, 10, 20}, new double[] {0, 1, 2});

        assertThat(r.chisq()).isNaN();
        assertThat(r.p()).isNaN();
    }

    @Test
    void shouldThrowWhenLengthsDiffer() {
        assertThatThrownBy(() -> TrendTest.cochranArmitage(new int[] {1, 2}, new int[] {3, 4, 5}, new double[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
    }

    @Test
    void shouldThrowWhenEventsExceedTotals() {
        assertThatThrownBy(() -> TrendTest.cochranArmitage(new int[] {1, 6}, new int[] {3, 5}, new double[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("events[1]");
    }
}
