package io.backstory.analytics;

import static io.backstory.analytics.RelativeTolerance.close;
import static io.backstory.analytics.RelativeTolerance.closeP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Logistic fits against R 4.2.2 {@code glm(family = binomial)}; numbers printed by
 * src/test/resources/r/reference.R from {@code summary(fit)$coefficients}, {@code fit$deviance},
 * {@code fit$null.deviance} and {@code fit$iter}.
 */
class LogisticModelTest {

    record GlmCase(String call, String file, String outcome, String[] terms, double[] coef, double[] se,
                   double[] p, double deviance, double nullDeviance, int iter) {
        @Override
        public String toString() {
            return call;
        }
    }

    static Stream<GlmCase> rCases() {
        return Stream.of(
                // glm(I(status == 2) ~ age + sex, family = binomial, data = lung)
                new GlmCase("glm(I(status == 2) ~ age + sex, family = binomial, data = lung)", "lungfull.csv",
                        "status", new String[] {"age", "sex"},
                        new double[] {0.51506807560532941, 0.031888355275884121, -1.0483878500805297},
                        new double[] {1.1742153803068565, 0.017011139353253147, 0.30844499967532768},
                        new double[] {0.66091608802308877, 0.060853653638448649, 0.00067646109185042044},
                        251.92965673878729, 268.78462489070029, 4),
                // glm(treated ~ age + sex + nprs + chronic, family = binomial, data = cohort)
                new GlmCase("glm(treated ~ age + sex + nprs + chronic, family = binomial, data = cohort)",
                        "cohort.csv", "treated", new String[] {"age", "sex", "nprs", "chronic"},
                        new double[] {-3.7461732796945122, 0.029465183967469392, -0.11387406938884598,
                                0.26450005565709078, 0.93138265527530995},
                        new double[] {0.28080189986464771, 0.0043204769223950858, 0.098458454204607665,
                                0.025361950875071867, 0.10065518134140962},
                        new double[] {1.3368560624407749e-40, 9.110927634719758e-12, 0.247448188716513,
                                1.8278148445012938e-25, 2.1786759114250364e-20},
                        2417.1635153965453, 2660.1389591422899, 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rCases")
    void shouldMatchRWhenFittingReferenceData(GlmCase c) {
        TestData d = TestData.load(c.file());
        LogisticResult r = LogisticModel.withDefaults().fit(d.flag(c.outcome()), d.columns(c.terms()), c.terms());

        assertThat(r.converged()).isTrue();
        assertThat(r.separation()).isFalse();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.iterations()).isEqualTo(c.iter());
        assertThat(r.terms().get(0).name()).isEqualTo("(intercept)");
        for (int j = 0; j < c.coef().length; j++) {
            ModelTerm t = r.terms().get(j);
            close(t.name() + " coef", t.coef(), c.coef()[j]);
            close(t.name() + " se", t.se(), c.se()[j]);
            close(t.name() + " odds ratio", t.ratio(), Math.exp(c.coef()[j]));
            close(t.name() + " lower", t.lower(), Math.exp(c.coef()[j] - 1.959963984540054 * c.se()[j]));
            closeP(t.name() + " p", t.p(), c.p()[j]);
        }
        close("deviance", r.deviance(), c.deviance());
        close("null deviance", r.nullDeviance(), c.nullDeviance());
        assertThat(r.n()).isEqualTo(d.rows());
    }

    @Test
    void shouldReproduceRFittedValuesWhenPredictingTheFittingData() {
        TestData d = TestData.load("cohort.csv");
        String[] terms = {"age", "sex", "nprs", "chronic"};
        LogisticResult r = LogisticModel.withDefaults().fit(d.flag("treated"), d.columns(terms), terms);
        double[] fitted = r.predict(d.columns(terms), terms);

        // fitted(glm(treated ~ age + sex + nprs + chronic, family = binomial, data = cohort))[1:3]
        close("fitted", new double[] {fitted[0], fitted[1], fitted[2]},
                new double[] {0.19977226773780185, 0.26775473915611431, 0.12815122125136591});
    }

    @Test
    void shouldDropTheLaterColumnWhenItIsASumOfEarlierOnes() {
        TestData d = TestData.load("cohort.csv");
        double[] age = d.column("age");
        double[] nprs = d.column("nprs");
        double[] sum = d.sum("age", "nprs");
        LogisticResult r = LogisticModel.withDefaults().fit(d.flag("treated"),
                new double[][] {age, d.column("sex"), nprs, sum, d.column("chronic")},
                new String[] {"age", "sex", "nprs", "age_plus_nprs", "chronic"});

        // glm(treated ~ age + sex + nprs + I(age + nprs) + chronic, family = binomial, data = cohort):
        // I(age + nprs) is NA; nprs coef 0.26450005565709078, se 0.025361950875071867
        assertThat(r.droppedTerms()).containsExactly("age_plus_nprs");
        assertThat(r.warnings()).singleElement().asString().contains("age_plus_nprs", "collinear");
        close("nprs coef", r.term("nprs").coef(), 0.26450005565709078);
        close("nprs se", r.term("nprs").se(), 0.025361950875071867);
        close("deviance", r.deviance(), 2417.1635153965453);
    }

    @Test
    void shouldReportSeparationWhenOneCovariatePredictsTheOutcomePerfectly() {
        // sep <- data.frame(x = 1:10, z = c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3), y = rep(0:1, each = 5))
        // glm(y ~ x + z, family = binomial, data = sep): coef(x) 29.648223771083444 with se 53122.07,
        // deviance 4.375007023143751e-10 and "glm.fit: fitted probabilities numerically 0 or 1 occurred"
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] z = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
        boolean[] y = {false, false, false, false, false, true, true, true, true, true};
        LogisticResult r = LogisticModel.withDefaults().fit(y, new double[][] {x, z}, new String[] {"x", "z"});

        assertThat(r.separation()).isTrue();
        assertThat(r.warnings()).anyMatch(w -> w.contains("separation") && w.contains("x")
                && w.contains("fitted probabilities numerically 0 or 1"));
        // the same IRLS path as R, so even the meaningless estimates agree
        assertThat(r.iterations()).isEqualTo(25);
        close("x coef", r.term("x").coef(), 29.648223771083444);
        close("x se", r.term("x").se(), 53122.070741529045);
        close("deviance", r.deviance(), 4.375007023143751e-10);
    }

    @Test
    void shouldReportSeparationWhenItIsQuasiComplete() {
        // glm(y ~ x, family = binomial, data = data.frame(x = c(1:5, 5:9), y = rep(0:1, each = 5))):
        // iter 21, coef(x) 19.631650541858033, deviance 2.7725887341561131, R warns
        // "fitted probabilities numerically 0 or 1 occurred"
        double[] x = {1, 2, 3, 4, 5, 5, 6, 7, 8, 9};
        boolean[] y = {false, false, false, false, false, true, true, true, true, true};
        LogisticResult r = LogisticModel.withDefaults().fit(y, new double[][] {x}, new String[] {"x"});

        assertThat(r.separation()).isTrue();
        assertThat(r.warnings()).anyMatch(w -> w.contains("separation") && w.contains("x"));
        assertThat(r.iterations()).isEqualTo(21);
        close("x coef", r.term("x").coef(), 19.631650541858033);
        close("deviance", r.deviance(), 2.7725887341561131);
    }

    @Test
    void shouldRejectConstantOutcomeThrows() {
        assertThatThrownBy(() -> LogisticModel.withDefaults().fit(new boolean[] {true, true},
                new double[][] {{1, 2}}, new String[] {"x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y");
    }

    @Test
    void shouldRejectColumnOfWrongLengthThrows() {
        assertThatThrownBy(() -> LogisticModel.withDefaults().fit(new boolean[] {true, false},
                new double[][] {{1, 2, 3}}, new String[] {"x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("columns[0]")
                .hasMessageContaining("one value per row");
    }

    @Test
    void shouldRejectReservedInterceptNameThrows() {
        assertThatThrownBy(() -> LogisticModel.withDefaults().fit(new boolean[] {true, false},
                new double[][] {{1, 2}}, new String[] {"(intercept)"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names[0]");
    }

    @Test
    void shouldRejectNonPositiveEpsilonThrows() {
        assertThatThrownBy(() -> LogisticModel.withDefaults().withEpsilon(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epsilon");
    }
}
