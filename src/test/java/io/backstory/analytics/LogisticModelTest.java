package io.backstory.analytics;

import static io.backstory.analytics.RelativeTolerance.close;
import static io.backstory.analytics.RelativeTolerance.closeP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Logistic fits against R 4.2.2 {@code glm(family = binomial)}; numbers printed by
 * src/test/resources/io/backstory/analytics/models/r/reference.R from {@code summary(fit)$coefficients},
 * {@code fit$deviance}, {@code fit$null.deviance} and {@code fit$iter}; the fits compared term by term it writes to
 * models/glm-reference.csv with the R call of each.
 */
class LogisticModelTest {

    /** The fits of models/glm-reference.csv, which r/reference.R writes with the R call of each. */
    static Stream<RFit> rCases() {
        return RFit.read("glm-reference.csv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rCases")
    void shouldMatchRWhenFittingReferenceData(RFit c) {
        TestData d = TestData.load(c.text("file"));
        // R's first row is the intercept, which the Java model adds itself
        String[] terms = Arrays.copyOfRange(c.terms(), 1, c.terms().length);
        double[] coef = c.perTerm("coef");
        double[] se = c.perTerm("se");
        double[] p = c.perTerm("p");
        LogisticResult r = LogisticModel.withDefaults().fit(d.flag(c.text("outcome")), d.columns(terms), terms);

        assertThat(r.converged()).isTrue();
        assertThat(r.separation()).isFalse();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.iterations()).isEqualTo((int) c.value("iter"));
        assertThat(r.terms().get(0).name()).isEqualTo("(intercept)");
        for (int j = 0; j < coef.length; j++) {
            ModelTerm t = r.terms().get(j);
            close(t.name() + " coef", t.coef(), coef[j]);
            close(t.name() + " se", t.se(), se[j]);
            close(t.name() + " odds ratio", t.ratio(), Math.exp(coef[j]));
            close(t.name() + " lower", t.lower(), Math.exp(coef[j] - 1.959963984540054 * se[j]));
            closeP(t.name() + " p", t.p(), p[j]);
        }
        close("deviance", r.deviance(), c.value("deviance"));
        close("null deviance", r.nullDeviance(), c.value("null_deviance"));
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
    void shouldGiveTheFitOfACopyOfTheRowsWhenFittingSelectedRowsInPlace() {
        // the analysis's logistic model at the horizon reads the evaluable episodes through their positions
        TestData d = TestData.load("cohort.csv");
        String[] terms = {"age", "sex", "nprs", "chronic"};
        double[][] all = d.columns(terms);
        boolean[] treated = d.flag("treated");
        int[] rows = java.util.stream.IntStream.range(0, d.rows()).filter(i -> i % 3 != 1).toArray();
        double[][] copy = new double[terms.length][];
        for (int j = 0; j < terms.length; j++) {
            copy[j] = Columns.gather(all[j], rows);
        }
        boolean[] y = Columns.gather(treated, rows);

        LogisticResult inPlace = LogisticModel.withDefaults().fitRows(y, all, terms, rows);
        LogisticResult copied = LogisticModel.withDefaults().fit(y, copy, terms);

        assertThat(inPlace.terms()).isEqualTo(copied.terms());
        assertThat(inPlace.deviance()).isEqualTo(copied.deviance());
        assertThat(inPlace.n()).isEqualTo(rows.length);
    }

    @Test
    void shouldDropTheLaterColumnWhenItIsASumOfEarlierOnes() {
        TestData d = TestData.load("cohort.csv").withSum("age_plus_nprs", "age", "nprs");
        String[] terms = {"age", "sex", "nprs", "age_plus_nprs", "chronic"};
        LogisticResult r = LogisticModel.withDefaults().fit(d.flag("treated"), d.columns(terms), terms);
        // glm(treated ~ age + sex + nprs + I(age + nprs) + chronic, family = binomial, data = coh): I(age + nprs) is
        // NA, the rest that of the fit without it (r/reference.out, "cohort glm collinear")
        RFit without = RFit.of("glm-reference.csv",
                "glm(treated ~ age + sex + nprs + chronic, family = binomial, data = coh)");

        assertThat(r.droppedTerms()).containsExactly("age_plus_nprs");
        assertThat(r.warnings()).singleElement().asString().contains("age_plus_nprs", "collinear");
        close("nprs coef", r.term("nprs").coef(), without.perTerm("coef", "nprs"));
        close("nprs se", r.term("nprs").se(), without.perTerm("se", "nprs"));
        close("deviance", r.deviance(), without.value("deviance"));
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
