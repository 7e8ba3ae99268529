package io.backstory.analytics;

import static io.backstory.analytics.RelativeTolerance.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.analytics.RelativeTolerance.HazardRatio;
import io.backstory.analytics.RelativeTolerance.WeightRange;
import org.junit.jupiter.api.Test;

/**
 * Truncated IPTW, overlap weights, balance and effective sample size against R on the planted confounded-null
 * cohort (planted/confounded-null.csv; every value from planted/reference.R, printed in reference.out). R's
 * set-up: {@code ps <- fitted(glm(multi ~ age + sex + chronicity + baseline_nprs + baseline_odi + fabq_pa +
 * startback + prior_episodes, family = binomial)); pt <- mean(multi); w <- ifelse(multi == 1, pt / ps,
 * (1 - pt) / (1 - ps))}, time and status truncated at 365 days.
 */
class PropensityWeightingTest {

    static final AnalysisColumns DATA = PlantedCohort.columns(PlantedCohort.committed(PlantedCohort.Scenario.CONFOUNDED_NULL));

    static PropensityWeightingResult fit(PropensityWeighting weighting) {
        DesignMatrix d = DATA.design(false, false, false);
        return weighting.fit(d.time(), d.event(), d.multifactor(), d.columns(), d.names().toArray(String[]::new),
                DATA.balanceColumns(), AnalysisColumns.BALANCE_NAMES);
    }

    @Test
    void shouldMatchRWhenTruncatingStabilisedWeights() {
        PropensityWeightingResult r = fit(PropensityWeighting.withDefaults());

        // q <- quantile(w, c(.01, .99))
        close("lower cut", r.lowerCut(), 0.28330906981348947);
        close("upper cut", r.upperCut(), 5.8099649015078931);
        // max(w); sum(wt != w) with wt <- pmin(pmax(w, q[1]), q[2])
        close("max untruncated", r.maxUntruncatedWeight(), 96.243650594690749);
        assertThat(r.truncatedRows()).isEqualTo(60);
        // c(min(wt), max(wt), mean(wt))
        close(new WeightRange(r.minWeight(), r.maxWeight(), r.meanWeight()),
                new WeightRange(0.28330906981348947, 5.8099649015078931, 0.82347072248893705));
        // fi <- coxph(Surv(time, status) ~ multi, weights = wt, robust = TRUE); exp(coef(fi)),
        // summary(fi)$coefficients[, "robust se"], exp(coef(fi) -/+ qnorm(0.975) * rse)
        close(new HazardRatio(r.hr(), r.se(), r.lower(), r.upper()),
                new HazardRatio(1.1294513085017515, 0.10367633484702052, 0.921760421935094, 1.3839390669413492));
        // sum(wt[multi == 1])^2 / sum(wt[multi == 1]^2), and for multi == 0
        close("ess multi", r.essTreated(), 1476.0303720784937);
        close("ess isolated", r.essUntreated(), 272.29689427503581);
        assertThat(r.nTreated() + r.nUntreated()).isEqualTo(3000);
    }

    @Test
    void shouldMatchRWhenComputingStandardisedMeanDifferences() {
        PropensityWeightingResult r = fit(PropensityWeighting.withDefaults());

        // sapply(levels, smd, t = multi, w = rep(1, n)): (mean_T - mean_U) / sqrt((var_T + var_U) / 2),
        // p (1 - p) for the 0/1 levels (reference.R's smd())
        double[] before = {
            -0.0078349517054980434, -0.082878868015818091, 0.08777010071780654, -0.015240942698251972,
            -0.374213263335892, -0.18449923101227028, 0.56441438605402239, 1.5464524987727917,
            1.8069800227721524, 1.7401156266035396, -1.1174109856573302, 0.41824645592068993,
            0.88094565871981489, 0.13098469542531085};
        // sapply(levels, smd, t = multi, w = wt): weighted means over the unweighted pooled SD
        double[] after = {
            0.020877243164607956, -0.050505865476289824, 0.043350267470064423, 0.026209287148262067,
            -0.24827315853197196, -0.10525214248375801, 0.35815486740362845, 0.80540891778393453,
            0.91100634570173811, 0.83275358489158535, -0.48542952579844245, 0.029583019498129384,
            0.58620878009635169, 0.10878188459247129};
        // sapply(levels, function(x) weighted.mean(x[multi == 1], wt[multi == 1]))
        double[] weightedMeanMulti = {
            46.937943472309406, 0.55543192165295718, 0.4271460451443741, 0.017422033202668774,
            0.3320420707106756, 0.23345837981918457, 0.4344995494701398, 6.2139240724991467,
            36.652088742368917, 14.800692433223523, 0.37582024137618747, 0.37187277256413404,
            0.25230698605967844, 1.0085348603211268};
        for (int j = 0; j < before.length; j++) {
            CovariateBalance b = r.balance().rows().get(j);
            assertThat(b.name()).isEqualTo(AnalysisColumns.BALANCE_NAMES[j]);
            close(b.name() + " before", b.smdBefore(), before[j]);
            close(b.name() + " after", b.smdAfter(), after[j]);
            close(b.name() + " weighted mean", b.weightedMeanTreated(), weightedMeanMulti[j]);
        }
        assertThat(r.balance().row("sex[M]").binary()).isTrue();
        assertThat(r.balance().row("age").binary()).isFalse();
        // the confounded null: truncated weights leave the severity measures far apart
        assertThat(r.balanced()).isFalse();
        assertThat(r.balance().imbalanced()).contains("baseline_nprs", "baseline_odi", "fabq_pa", "startback[high]");
        assertThat(r.warnings()).anyMatch(w -> w.contains("unbalanced after weighting"));
        close("max |smd| before", r.balance().maxAbsSmdBefore(), 1.8069800227721524);
        close("max |smd| after", r.balance().maxAbsSmdAfter(), 0.9110063457017381);
    }

    @Test
    void shouldMatchRWhenUsingOverlapWeights() {
        PropensityWeightingResult r = fit(PropensityWeighting.overlap());

        // ow <- ifelse(multi == 1, 1 - ps, ps); fo <- coxph(Surv(time, status) ~ multi, weights = ow, robust = TRUE)
        close(new HazardRatio(r.hr(), r.se(), r.lower(), r.upper()),
                new HazardRatio(1.0189741267705741, 0.11073329304594016, 0.82017552795820303, 1.2659586096316293));
        // sum(ow[multi == g])^2 / sum(ow[multi == g]^2)
        close("ess multi", r.essTreated(), 498.9970953775819);
        close("ess isolated", r.essUntreated(), 397.62216578030063);
        assertThat(r.truncatedRows()).isZero();
        assertThat(r.lowerCut()).isNaN();
        // overlap weights balance the propensity model's covariates exactly (Li et al. 2018): R gives |SMD| < 2e-8
        for (CovariateBalance b : r.balance().rows()) {
            assertThat(Math.abs(b.smdAfter())).as(b.name()).isLessThan(1e-6);
        }
        assertThat(r.balanced()).isTrue();
    }

    @Test
    void shouldBeUnweightedWhenTheBalanceTableHasNoWeights() {
        boolean[] treated = {true, true, true, false, false, false};
        double[][] x = {{1, 2, 3, 2, 2, 2}, {1, 1, 1, 0, 0, 0}, {5, 5, 5, 5, 5, 5}};

        BalanceTable t = BalanceTable.of(treated, null, x, new String[] {"a", "separated", "constant"});

        // (2 - 2) / sqrt((var(c(1, 2, 3)) + var(c(2, 2, 2))) / 2) = 0
        assertThat(t.row("a").smdBefore()).isZero();
        assertThat(t.row("a").smdAfter()).isZero();
        // a level present only among the treated: p (1 - p) = 0 in both groups
        assertThat(t.row("separated").smdBefore()).isInfinite();
        assertThat(t.row("constant").smdBefore()).isZero();
        assertThat(t.imbalanced()).containsExactly("separated");
    }

    @Test
    void shouldRejectTruncationOutsideTheUnitIntervalThrows() {
        assertThatThrownBy(() -> PropensityWeighting.withDefaults().withTruncation(0.5, 1.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncation");
    }

    @Test
    void shouldRejectOneGroupOnlyThrows() {
        assertThatThrownBy(() -> PropensityWeighting.withDefaults().fit(new double[] {1, 2, 3}, new boolean[] {true, false, true},
                new boolean[] {true, true, true}, new double[][] {{1, 2, 3}}, new String[] {"age"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("treated");
    }

    @Test
    void shouldRejectNegativeBalanceWeightThrows() {
        assertThatThrownBy(() -> BalanceTable.of(new boolean[] {true, true, false, false}, new double[] {1, -1, 1, 1},
                new double[][] {{1, 2, 3, 4}}, new String[] {"age"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[1]");
    }
}
