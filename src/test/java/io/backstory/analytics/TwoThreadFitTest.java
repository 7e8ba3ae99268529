package io.backstory.analytics;

import static io.backstory.analytics.RelativeTolerance.close;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The cohort stacked 30 times (60,000 rows) is above {@link Halves#PARALLEL_MIN_ROWS}, so these fits
 * take the two-thread path (split Efron pass, split IRLS cross-products); R fits the same stacked
 * data: {@code big <- cohort[rep(seq_len(nrow(cohort)), 30), ]} (src/test/resources/r/reference.R).
 */
class TwoThreadFitTest {

    private static final int COPIES = 30;
    private static final String[] COVARIATES = {"age", "sex", "nprs", "chronic"};

    private static double[] stack(double[] c) {
        double[] out = new double[c.length * COPIES];
        for (int k = 0; k < COPIES; k++) {
            System.arraycopy(c, 0, out, k * c.length, c.length);
        }
        return out;
    }

    private static boolean[] stack(boolean[] c) {
        boolean[] out = new boolean[c.length * COPIES];
        for (int k = 0; k < COPIES; k++) {
            System.arraycopy(c, 0, out, k * c.length, c.length);
        }
        return out;
    }

    private static double[][] stack(double[][] cols) {
        double[][] out = new double[cols.length][];
        for (int j = 0; j < cols.length; j++) {
            out[j] = stack(cols[j]);
        }
        return out;
    }

    @Test
    void shouldMatchRWhenTheCoxFitIsSplitOverTwoThreads() {
        TestData d = TestData.load("cohort.csv");
        String[] terms = {"treated", "age", "sex", "nprs", "chronic"};
        CoxResult r = CoxModel.withDefaults().fit(stack(d.column("time")), stack(d.flag("status")),
                stack(d.columns(terms)), terms);

        assertThat(r.n()).isGreaterThanOrEqualTo(Halves.PARALLEL_MIN_ROWS);
        // coxph(Surv(time, status) ~ treated + age + sex + nprs + chronic, data = big)
        close("coef", r.terms().stream().mapToDouble(ModelTerm::coef).toArray(),
                new double[] {-0.45822662702532974, 0.02241413399106211, 0.022458394807862363,
                        0.15966075934486909, 0.52657463624116596});
        close("se", r.terms().stream().mapToDouble(ModelTerm::se).toArray(),
                new double[] {0.010315692198079013, 0.00043288064711692435, 0.0093493078336964706,
                        0.0024242873582539779, 0.0098316430303221729});
        // fit$loglik, fit$score, fit$iter
        close("loglik null", r.loglikNull(), -470163.1547724781);
        close("loglik", r.loglik(), -465860.64982528932);
        close("score", r.scoreTest(), 8598.6267957364544);
        assertThat(r.iterations()).isEqualTo(3);
    }

    @Test
    void shouldMatchRWhenTheLogisticFitIsSplitOverTwoThreads() {
        TestData d = TestData.load("cohort.csv");
        LogisticResult r = LogisticModel.withDefaults().fit(stack(d.flag("treated")), stack(d.columns(COVARIATES)),
                COVARIATES);

        // glm(treated ~ age + sex + nprs + chronic, family = binomial, data = big)
        close("coef", r.terms().stream().mapToDouble(ModelTerm::coef).toArray(),
                new double[] {-3.7461732796946761, 0.029465183967469926, -0.11387406938884155,
                        0.26450005565710899, 0.93138265527527264});
        close("se", r.terms().stream().mapToDouble(ModelTerm::se).toArray(),
                new double[] {0.051267178248726591, 0.00078880755652542545, 0.017975972114984154,
                        0.0046304375322050286, 0.018377037783487711});
        close("deviance", r.deviance(), 72514.905461896356);
        close("null deviance", r.nullDeviance(), 79804.168774268692);
        assertThat(r.iterations()).isEqualTo(4);
    }

    @Test
    void shouldMatchRWhenTheWeightedRobustFitIsSplitOverTwoThreads() {
        TestData d = TestData.load("cohort.csv");
        IptwResult r = Iptw.estimate(stack(d.column("time")), stack(d.flag("status")), stack(d.flag("treated")),
                stack(d.columns(COVARIATES)), COVARIATES);

        // psb <- fitted(glm(treated ~ age + sex + nprs + chronic, family = binomial, data = big))
        // wb <- ifelse(big$treated == 1, pt / psb, (1 - pt) / (1 - psb))   (pt = mean(cohort$treated))
        // fb <- coxph(Surv(time, status) ~ treated, data = big, weights = wb, robust = TRUE)
        // exp(coef(fb)); summary(fb)$coefficients[, "robust se"]
        close("hr", r.hr(), 0.65044094958151211);
        close("robust se", r.se(), 0.010974496191920979);
    }

    @Test
    void shouldGiveIdenticalResultsWhenTheSameLargeFitIsRepeated() {
        TestData d = TestData.load("cohort.csv");
        String[] terms = {"treated", "age", "sex", "nprs", "chronic"};
        double[] time = stack(d.column("time"));
        boolean[] status = stack(d.flag("status"));
        double[][] cols = stack(d.columns(terms));
        CoxResult first = CoxModel.withDefaults().fit(time, status, cols, terms);
        CoxResult second = CoxModel.withDefaults().fit(time, status, cols, terms);

        assertThat(second).isEqualTo(first);
    }
}
