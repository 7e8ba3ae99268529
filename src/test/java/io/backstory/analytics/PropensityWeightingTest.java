package io.backstory.analytics;

import static io.backstory.analytics.RelativeTolerance.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        close("lower cut", r.lowerCut(), 0.29189413870491454);
        close("upper cut", r.upperCut(), 4.8286543411865388);
        // max(w); sum(wt != w) with wt <- pmin(pmax(w, q[1]), q[2])
        close("max untruncated", r.maxUntruncatedWeight(), 28.081405219903768);
        assertThat(r.truncatedRows()).isEqualTo(60);
        // c(min(wt), max(wt), mean(wt))
        close("min", r.minWeight(), 0.29189413870491454);
        close("max", r.maxWeight(), 4.8286543411865388);
        close("mean", r.meanWeight(), 0.81070239374234232);
        // fi <- coxph(Surv(time, status) ~ multi, weights = wt, robust = TRUE); exp(coef(fi))
        close("hr", r.hr(), 1.2944099999608059);
        // summary(fi)$coefficients[, "robust se"]
        close("robust se", r.se(), 0.10202256410986689);
        // exp(coef(fi) -/+ qnorm(0.975) * rse)
        close("lower", r.lower(), 1.0598150815984377);
        close("upper", r.upper(), 1.58093357708357);
        // sum(wt[multi == 1])^2 / sum(wt[multi == 1]^2), and for multi == 0
        close("ess multi", r.essTreated(), 1580.329545272896);
        close("ess isolated", r.essUntreated(), 323.79450584039915);
        assertThat(r.nTreated() + r.nUntreated()).isEqualTo(3000);
    }

    @Test
    void shouldMatchRWhenComputingStandardisedMeanDifferences() {
        PropensityWeightingResult r = fit(PropensityWeighting.withDefaults());

        // sapply(levels, smd, t = multi, w = rep(1, n)): (mean_T - mean_U) / sqrt((var_T + var_U) / 2),
        // p (1 - p) for the 0/1 levels (reference.R's smd())
        double[] before = {0.032710823989905984, 0.012009903300102931, -0.012737268742916223, 0.0024250470052629238,
            -0.35011771009359266, -0.15766419494948256, 0.50778139611973305, 1.6099103143675566, 1.7932209379826856,
            1.7473714924213612, -1.103527473621106, 0.38793348699389746, 0.91352684910570203, 0.21950685841241541};
        // sapply(levels, smd, t = multi, w = wt): weighted means over the unweighted pooled SD
        double[] after = {0.050084238339947691, 0.034709337401912801, -0.042293047501769584, 0.026628914412817575,
            -0.12635356107002785, -0.10962930078741026, 0.23282319878157678, 0.83849466893847691, 0.98478392526326208,
            0.91613719304305918, -0.63157311557318518, 0.11597986506094303, 0.66369553703208295, 0.10776104207525093};
        // sapply(levels, function(x) weighted.mean(x[multi == 1], wt[multi == 1]))
        double[] weightedMeanMulti = {47.413788862759191, 0.54072156538869431, 0.43788202900400608,
            0.021396405607299523, 0.31219745317551417, 0.23767175767887055, 0.45013078914561522, 6.2405616189920341,
            36.780097001321209, 14.926861816635961, 0.38488289102820733, 0.35723353974725586, 0.25788356922453681,
            1.0380299357800096};
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
        close("max |smd| before", r.balance().maxAbsSmdBefore(), 1.7932209379826856);
        close("max |smd| after", r.balance().maxAbsSmdAfter(), 0.98478392526326208);
    }

    @Test
    void shouldMatchRWhenUsingOverlapWeights() {
        PropensityWeightingResult r = fit(PropensityWeighting.overlap());

        // ow <- ifelse(multi == 1, 1 - ps, ps); fo <- coxph(Surv(time, status) ~ multi, weights = ow, robust = TRUE)
        close("hr", r.hr(), 1.0758087716539029);
        close("robust se", r.se(), 0.10933546276345001);
        close("lower", r.lower(), 0.86829753151358313);
        close("upper", r.upper(), 1.3329123614459728);
        // sum(ow[multi == g])^2 / sum(ow[multi == g]^2)
        close("ess multi", r.essTreated(), 517.93572423435887);
        close("ess isolated", r.essUntreated(), 393.26259367436597);
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
