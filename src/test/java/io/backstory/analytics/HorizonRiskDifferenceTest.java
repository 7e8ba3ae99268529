package io.backstory.analytics;

import static io.backstory.analytics.RelativeTolerance.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The IPTW-standardised risk difference at the horizon against R on the planted confounded null
 * (planted/confounded-null.csv, planted/reference.R): {@code fit <- survfit(Surv(time, status) ~ multi,
 * weights = wt)} with wt the stabilised IPTW weights truncated at {@code quantile(w, c(.01, .99))}.
 */
class HorizonRiskDifferenceTest {

    static final AnalysisColumns DATA = PropensityWeightingTest.DATA;

    static RiskDifferenceResult estimate(HorizonRiskDifference rd) {
        DesignMatrix d = DATA.design(false, false, false);
        return rd.estimate(d.time(), d.event(), d.multifactor(), d.columns(), d.names().toArray(String[]::new));
    }

    @Test
    void shouldMatchRWhenWeightingKaplanMeierCurves() {
        RiskDifferenceResult r = estimate(HorizonRiskDifference.atHorizon(365));

        // s <- summary(fit, times = 365, extend = TRUE)$surv; 1 - s
        close("risk isolated", r.riskIsolated(), 0.39889194625517022);
        close("risk multi", r.riskMulti(), 0.43230090383999198);
        // (1 - s[2]) - (1 - s[1])
        close("rd", r.difference(), 0.033408957584821763);
        assertThat(r.lower()).isNaN();
        assertThat(r.replicates()).isZero();
    }

    @Test
    void shouldGiveTheSameIntervalWhenTheSeedIsTheSame() {
        HorizonRiskDifference rd = HorizonRiskDifference.atHorizon(365);

        RiskDifferenceResult a = estimate(rd.withBootstrap(20, new SplittableRandom(7)));
        RiskDifferenceResult b = estimate(rd.withBootstrap(20, new SplittableRandom(7)));
        RiskDifferenceResult c = estimate(rd.withBootstrap(20, new SplittableRandom(8)));

        assertThat(a.lower()).isEqualTo(b.lower());
        assertThat(a.upper()).isEqualTo(b.upper());
        assertThat(a.lower()).isNotEqualTo(c.lower());
        assertThat(a.replicates()).isEqualTo(20);
        assertThat(a.failedReplicates()).isZero();
        assertThat(a.lower()).isLessThan(a.difference());
        assertThat(a.upper()).isGreaterThan(a.difference());
        // the point estimate does not depend on the bootstrap
        assertThat(a.difference()).isEqualTo(estimate(rd).difference());
    }

    @Test
    void shouldRejectTooFewReplicatesThrows() {
        assertThatThrownBy(() -> HorizonRiskDifference.atHorizon(365).withBootstrap(5, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 20");
    }

    @Test
    void shouldRejectMissingGeneratorThrows() {
        assertThatThrownBy(() -> HorizonRiskDifference.atHorizon(365).withBootstrap(100, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("generator");
    }
}
