package io.backstory.analytics;

import static io.backstory.analytics.RelativeTolerance.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.analytics.RelativeTolerance.HazardRatio;
import io.backstory.analytics.RelativeTolerance.WeightRange;
import org.junit.jupiter.api.Test;

/** IPTW against R on the synthetic cohort (src/test/resources/cohort.csv, written by r/datasets.R). */
class IptwTest {

    @Test
    void shouldMatchRWhenWeightingTheCohort() {
        TestData d = TestData.load("cohort.csv");
        String[] covariates = {"age", "sex", "nprs", "chronic"};
        IptwResult r = Iptw.estimate(d.column("time"), d.flag("status"), d.flag("treated"),
                d.columns(covariates), covariates);

        // ps <- fitted(glm(treated ~ age + sex + nprs + chronic, family = binomial, data = cohort))
        // p <- mean(cohort$treated); w <- ifelse(cohort$treated == 1, p / ps, (1 - p) / (1 - ps))
        // fi <- coxph(Surv(time, status) ~ treated, data = cohort, weights = w, robust = TRUE)
        // exp(coef(fi)); summary(fi)$coefficients[, "robust se"]; exp(coef(fi) -/+ qnorm(0.975) * rse)
        close(new HazardRatio(r.hr(), r.se(), r.lower(), r.upper()),
                new HazardRatio(0.65050615276178503, 0.060083981029084008, 0.57823960110171058, 0.73180434888012191));
        // c(min(w), max(w), mean(w))
        close(new WeightRange(r.minWeight(), r.maxWeight(), r.meanWeight()),
                new WeightRange(0.45245099910634023, 4.6819007061202571, 0.99871071316858417));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void shouldWarnWhenWeightsAreExtreme() {
        // treatment almost determined by x (propensity plogis(4 x)): positivity is nearly violated
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        int n = 600;
        double[] x = new double[n];
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        boolean[] treated = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
            treated[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-4 * x[i]));
            time[i] = Math.ceil(-Math.log(rnd.nextDouble()) * 100);
            event[i] = rnd.nextDouble() < 0.7;
        }
        IptwResult r = Iptw.estimate(time, event, treated, new double[][] {x}, new String[] {"x"});

        assertThat(r.maxWeight()).isGreaterThan(Iptw.EXTREME_WEIGHT);
        assertThat(r.warnings()).anyMatch(w -> w.contains("extreme stabilised weights"));
    }

    @Test
    void shouldRejectAllTreatedThrows() {
        assertThatThrownBy(() -> Iptw.estimate(new double[] {1, 2}, new boolean[] {true, false},
                new boolean[] {true, true}, new double[][] {{1, 2}}, new String[] {"age"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("treated");
    }

    @Test
    void shouldRejectTreatedOfWrongLengthThrows() {
        assertThatThrownBy(() -> Iptw.estimate(new double[] {1, 2}, new boolean[] {true, false},
                new boolean[] {true}, new double[][] {{1, 2}}, new String[] {"age"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("treated");
    }
}
