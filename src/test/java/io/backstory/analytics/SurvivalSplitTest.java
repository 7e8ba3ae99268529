package io.backstory.analytics;

import static io.backstory.analytics.ExtensionsReference.assertFit;
import static io.backstory.analytics.StratifiedCoxTest.CLINIC;
import static io.backstory.analytics.StratifiedCoxTest.COVARIATES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The split against R's {@code survSplit(Surv(time, status) ~ ., data = clinic, cut = c(30, 90, 180),
 * episode = "period")}, written to models/clinic-split.csv by models/r/extensions.R.
 */
class SurvivalSplitTest {

    @Test
    void shouldSplitFollowUpExactlyAsSurvSplitDoes() {
        TestData r = TestData.load("clinic-split.csv");
        SurvivalSplit split = SurvivalSplit.of(CLINIC.column("time"), CLINIC.flag("status"), 30, 90, 180);

        assertThat(split.intervals()).isEqualTo(r.rows());
        assertThat(split.periods()).isEqualTo(4);
        for (int k = 0; k < r.rows(); k++) {
            int period = (int) r.column("period")[k] - 1;
            assertThat(split.row()[k]).as("row %d", k).isEqualTo((int) r.column("id")[k] - 1);
            assertThat(split.period()[k]).as("period %d", k).isEqualTo(period);
            // R starts the first interval at zero = 0; here at -1 so that time-0 rows keep theirs
            assertThat(split.start()[k]).as("tstart %d", k).isEqualTo(period == 0 ? -1 : r.column("tstart")[k]);
            assertThat(split.stop()[k]).as("time %d", k).isEqualTo(r.column("time")[k]);
            assertThat(split.event()[k]).as("status %d", k).isEqualTo(r.flag("status")[k]);
        }
    }

    @Test
    void shouldMatchRWhenTheSplitCarriesTimeVaryingWeights() {
        SurvivalSplit split = SurvivalSplit.of(CLINIC.column("time"), CLINIC.flag("status"), 30, 90, 180);
        double[] w = split.expand(CLINIC.column("w"));
        double[] factor = {1, 1.3, 0.7, 1.6};
        for (int k = 0; k < w.length; k++) {
            w[k] *= factor[split.period()[k]];
        }
        CoxResult fit = CoxModel.withDefaults().withWeights(w).withRobustVariance(true)
                .fit(split.start(), split.stop(), split.event(), split.row(), CLINIC.columns(COVARIATES), COVARIATES);

        // s$wt <- s$w * c(1, 1.3, 0.7, 1.6)[s$period]
        // coxph(Surv(tstart, time, status) ~ plan + age + sex + nprs, data = s, weights = wt, cluster = id)
        assertFit("split_weights_cluster", fit);
    }

    @Test
    void shouldKeepOneIntervalPerRowWithoutCuts() {
        SurvivalSplit split = SurvivalSplit.of(new double[] {0, 4}, new boolean[] {false, true});

        assertThat(split.intervals()).isEqualTo(2);
        assertThat(split.start()).containsExactly(-1, -1);
        assertThat(split.stop()).containsExactly(0, 4);
        assertThat(split.expand(new int[] {7, 8})).containsExactly(7, 8);
    }

    @Test
    void shouldNotSplitATimeEqualToACut() {
        SurvivalSplit split = SurvivalSplit.of(new double[] {90, 91}, new boolean[] {true, true}, 90);

        assertThat(split.row()).containsExactly(0, 1, 1);
        assertThat(split.stop()).containsExactly(90, 90, 91);
        assertThat(split.event()).containsExactly(true, false, true);
    }

    @Test
    void shouldRejectCutsThatAreNotIncreasingThrows() {
        assertThatThrownBy(() -> SurvivalSplit.of(new double[] {1}, new boolean[] {true}, 90, 90))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cuts[1] must be greater");
    }

    @Test
    void shouldRejectANegativeTimeThrows() {
        assertThatThrownBy(() -> SurvivalSplit.of(new double[] {1, -1}, new boolean[] {true, false}, 90))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time[1] must be finite and >= 0");
    }
}
