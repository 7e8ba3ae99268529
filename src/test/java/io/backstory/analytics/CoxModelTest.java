package io.backstory.analytics;

import static io.backstory.analytics.RelativeTolerance.close;
import static io.backstory.analytics.RelativeTolerance.closeP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cox fits against R 4.2.2 / survival 3.5-3. The data files are written by
 * src/test/resources/io/backstory/analytics/models/r/datasets.R; every expected number is printed by
 * r/reference.R (its output is kept in r/reference.out), which also writes the fits compared term by term to
 * models/cox-reference.csv with the R call of each: coef/se/p come from {@code summary(fit)$coefficients},
 * limits from {@code exp(confint(fit))}, log-likelihoods from {@code fit$loglik}, the score test from
 * {@code fit$score}, iterations from {@code fit$iter}.
 */
class CoxModelTest {

    /** The fits of models/cox-reference.csv, which r/reference.R writes with the R call of each. */
    static Stream<RFit> rCases() {
        return RFit.read("cox-reference.csv");
    }

    static CoxResult fit(TestData d, String[] terms, String weights, boolean robust) {
        CoxModel model = CoxModel.withDefaults().withRobustVariance(robust);
        if (weights != null) {
            model = model.withWeights(d.column(weights));
        }
        return model.fit(d.column("time"), d.flag("status"), d.columns(terms), terms);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rCases")
    void shouldMatchRWhenFittingReferenceData(RFit c) {
        TestData d = TestData.load(c.text("file"));
        String[] terms = c.terms();
        String weights = c.text("weights");
        CoxResult r = fit(d, terms, weights.isEmpty() ? null : weights, Boolean.parseBoolean(c.text("robust")));
        double[] coef = c.perTerm("coef");
        double[] se = c.perTerm("se");
        double[] p = c.perTerm("p");
        double[] lower = c.perTerm("lower");
        double[] upper = c.perTerm("upper");

        assertThat(r.converged()).isTrue();
        assertThat(r.iterations()).isEqualTo((int) c.value("iter"));
        assertThat(r.droppedTerms()).isEmpty();
        assertThat(r.terms()).extracting(ModelTerm::name).containsExactly(terms);
        for (int j = 0; j < terms.length; j++) {
            ModelTerm t = r.terms().get(j);
            close(t.name() + " coef", t.coef(), coef[j]);
            close(t.name() + " se", t.se(), se[j]);
            close(t.name() + " exp(coef)", t.ratio(), Math.exp(coef[j]));
            close(t.name() + " z", t.z(), coef[j] / se[j]);
            closeP(t.name() + " p", t.p(), p[j]);
            close(t.name() + " lower", t.lower(), lower[j]);
            close(t.name() + " upper", t.upper(), upper[j]);
        }
        close("loglik null", r.loglikNull(), c.value("loglik_null"));
        close("loglik", r.loglik(), c.value("loglik"));
        close("lr chisq", r.lrChisq(), 2 * (c.value("loglik") - c.value("loglik_null")));
        assertThat(r.lrDf()).isEqualTo(terms.length);
        closeP("lr p", r.lrP(), c.value("lr_p"));
        close("score test", r.scoreTest(), c.value("score"));
    }

    @Test
    void shouldDropTheLaterColumnWhenOneIsTheSumOfTwoOthers() {
        // lung$agesex <- lung$age + lung$sex
        TestData d = TestData.load("lung.csv").withSum("agesex", "age", "sex");
        String[] terms = {"age", "sex", "agesex", "ph_ecog"};
        CoxResult r = CoxModel.withDefaults().fit(d.column("time"), d.flag("status"), d.columns(terms), terms);
        // coxph(Surv(time, status) ~ age + sex + agesex + ph_ecog, data = lung): agesex NA, every other coefficient,
        // se and the log-likelihood those of the fit without it (r/reference.out, "lung collinear")
        RFit without = RFit.of("cox-reference.csv", "coxph(Surv(time, status) ~ age + sex + ph_ecog, data = lung)");

        assertThat(r.droppedTerms()).containsExactly("agesex");
        assertThat(r.warnings()).anyMatch(w -> w.contains("agesex") && w.contains("collinear"));
        assertThat(r.terms()).extracting(ModelTerm::name).containsExactly("age", "sex", "ph_ecog");
        for (String term : without.terms()) {
            close(term + " coef", r.term(term).coef(), without.perTerm("coef", term));
            close(term + " se", r.term(term).se(), without.perTerm("se", term));
        }
        close("loglik", r.loglik(), without.value("loglik"));
        assertThat(r.lrDf()).isEqualTo(3);
        assertThatThrownBy(() -> r.term("agesex")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agesex").hasMessageContaining("dropped");
    }

    @Test
    void shouldDropAConstantColumnWhenItCannotBeEstimated() {
        TestData d = TestData.load("aml.csv");
        double[] ones = new double[d.rows()];
        java.util.Arrays.fill(ones, 1.0);
        CoxResult r = CoxModel.withDefaults().fit(d.column("time"), d.flag("status"),
                new double[][] {ones, d.column("x_nonmaintained")}, new String[] {"const", "x"});

        assertThat(r.droppedTerms()).containsExactly("const");
        // coxph(Surv(time, status) ~ x, data = aml): coef 0.91553257501471763
        close("x coef", r.term("x").coef(), 0.91553257501471763);
    }

    @Test
    void shouldEqualTheLogRankChiSquareWhenTheScoreTestHasOneBinaryCovariateAndNoTies() {
        TestData d = TestData.load("noties.csv");
        CoxResult r = CoxModel.withDefaults().fit(d.column("time"), d.flag("status"),
                d.columns("grp"), new String[] {"grp"});

        // coxph(Surv(time, status) ~ grp, data = noties)$score
        close("score test", r.scoreTest(), 10.273705150111516);
        // survdiff(Surv(time, status) ~ grp, data = noties)$chisq
        close("log-rank", r.scoreTest(), 10.273705150111425);
        close("log-rank (computed here)", r.scoreTest(),
                logRankChiSquare(d.column("time"), d.flag("status"), d.flag("grp")));
    }

    /** Two-group log-rank (Mantel-Haenszel) chi-square, written out independently of the Cox code. */
    private static double logRankChiSquare(double[] time, boolean[] event, boolean[] group) {
        int n = time.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(time[a], time[b]));
        double o = 0, e = 0, v = 0;
        int atRisk = n;
        int atRisk1 = 0;
        for (boolean g : group) {
            atRisk1 += g ? 1 : 0;
        }
        int i = 0;
        while (i < n) {
            double t = time[idx[i]];
            int d = 0, d1 = 0, leave = 0, leave1 = 0;
            while (i < n && time[idx[i]] == t) {
                int k = idx[i];
                d += event[k] ? 1 : 0;
                d1 += event[k] && group[k] ? 1 : 0;
                leave++;
                leave1 += group[k] ? 1 : 0;
                i++;
            }
            if (d > 0) {
                double frac = (double) atRisk1 / atRisk;
                o += d1;
                e += d * frac;
                v += atRisk > 1 ? d * frac * (1 - frac) * (atRisk - d) / (atRisk - 1.0) : 0;
            }
            atRisk -= leave;
            atRisk1 -= leave1;
        }
        return (o - e) * (o - e) / v;
    }

    /** Whole-day times (counting-sort path) and continuous times (merge-sort path), three shuffles each. */
    static Stream<org.junit.jupiter.params.provider.Arguments> shuffles() {
        return Stream.of(1L, 2L, 3L).flatMap(seed -> Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("cohort.csv",
                        new String[] {"treated", "age", "sex", "nprs", "chronic"}, seed),
                org.junit.jupiter.params.provider.Arguments.of("noties.csv", new String[] {"grp"}, seed)));
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("shuffles")
    void shouldGiveTheSameFitWhenRowsAreShuffled(String file, String[] terms, long seed) {
        TestData d = TestData.load(file);
        CoxResult base = CoxModel.withDefaults().withRobustVariance(true)
                .fit(d.column("time"), d.flag("status"), d.columns(terms), terms);

        int n = d.rows();
        int[] perm = RReference.permutation(n, seed);
        double[] time = new double[n];
        boolean[] status = new boolean[n];
        double[][] cols = new double[terms.length][n];
        double[][] src = d.columns(terms);
        for (int i = 0; i < n; i++) {
            time[i] = d.column("time")[perm[i]];
            status[i] = d.flag("status")[perm[i]];
            for (int j = 0; j < terms.length; j++) {
                cols[j][i] = src[j][perm[i]];
            }
        }
        CoxResult shuffled = CoxModel.withDefaults().withRobustVariance(true).fit(time, status, cols, terms);

        for (int j = 0; j < terms.length; j++) {
            close(terms[j] + " coef", shuffled.terms().get(j).coef(), base.terms().get(j).coef());
            close(terms[j] + " robust se", shuffled.terms().get(j).se(), base.terms().get(j).se());
        }
        close("loglik", shuffled.loglik(), base.loglik());
        close("score test", shuffled.scoreTest(), base.scoreTest());
    }

    @Test
    void shouldWarnAndNotThrowWhenTheLikelihoodIsMonotone() {
        // every event in group 1, none in group 0: the MLE of the group effect is +infinity
        double[] time = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        boolean[] event = {true, false, true, false, true, false, true, false, true, false};
        double[] group = {1, 0, 1, 0, 1, 0, 1, 0, 1, 0};
        CoxResult r = CoxModel.withDefaults().fit(time, event, new double[][] {group}, new String[] {"group"});

        assertThat(r.converged()).isFalse();
        assertThat(r.warnings()).anyMatch(w -> w.contains("did not converge"));
        assertThat(r.warnings()).anyMatch(w -> w.contains("group") && w.contains("infinite"));
        // d <- data.frame(time = 1:10, ev = rep(c(1, 0), 5), g = rep(c(1, 0), 5))
        // f <- coxph(Surv(time, ev) ~ g, data = d)   # "Ran out of iterations and did not converge"
        // coef(f); sqrt(vcov(f)); f$loglik
        close("coef", r.term("group").coef(), 21.202894758906282);
        close("se", r.term("group").se(), 17974.842556879921);
        close("loglik", r.loglik(), -4.7874917458771122);
        close("loglik null", r.loglikNull(), -8.2532276455817737);
    }

    @ParameterizedTest(name = "iter.max = {0}")
    @org.junit.jupiter.params.provider.CsvSource({
        // coxph(Surv(time, status) ~ trt + karno, data = veteran, iter.max = m): coef(fit)
        "1, 0.22169538718321705, -0.03809596306053064",
        "2, 0.17757326109115698, -0.033961415962689701",
        "3, 0.17732225684466724, -0.033953564427773975"})
    void shouldStopWhereRStopsWhenTheIterationLimitIsReached(int m, double trt, double karno) {
        TestData d = TestData.load("veteran.csv");
        String[] terms = {"trt", "karno"};
        CoxResult r = CoxModel.withDefaults().withMaxIterations(m)
                .fit(d.column("time"), d.flag("status"), d.columns(terms), terms);

        assertThat(r.converged()).isFalse();
        close("trt", r.term("trt").coef(), trt);
        close("karno", r.term("karno").coef(), karno);
    }

    @Test
    void shouldFlagNonConvergenceWhenIterationsRunOut() {
        TestData d = TestData.load("veteran.csv");
        String[] terms = {"trt", "karno", "smallcell", "adeno", "large"};
        CoxResult r = CoxModel.withDefaults().withMaxIterations(1)
                .fit(d.column("time"), d.flag("status"), d.columns(terms), terms);

        assertThat(r.converged()).isFalse();
        assertThat(r.warnings()).anyMatch(w -> w.contains("did not converge"));
    }

    @Test
    void shouldRejectMismatchedTimeAndEventThrows() {
        assertThatThrownBy(() -> CoxModel.withDefaults().fit(new double[] {1, 2}, new boolean[] {true},
                new double[][] {{0, 1}}, new String[] {"x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event");
    }

    @Test
    void shouldRejectNegativeTimeThrows() {
        assertThatThrownBy(() -> CoxModel.withDefaults().fit(new double[] {1, -2}, new boolean[] {true, true},
                new double[][] {{0, 1}}, new String[] {"x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time[1]");
    }

    @Test
    void shouldRejectNonFiniteCovariateThrows() {
        assertThatThrownBy(() -> CoxModel.withDefaults().fit(new double[] {1, 2}, new boolean[] {true, true},
                new double[][] {{0, Double.NaN}}, new String[] {"x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("columns[0][1]")
                .hasMessageContaining("finite");
    }

    @Test
    void shouldRejectDataWithoutEventsThrows() {
        assertThatThrownBy(() -> CoxModel.withDefaults().fit(new double[] {1, 2}, new boolean[] {false, false},
                new double[][] {{0, 1}}, new String[] {"x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event");
    }

    @Test
    void shouldRejectNonPositiveWeightThrows() {
        assertThatThrownBy(() -> CoxModel.withDefaults().withWeights(new double[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[1]");
    }

    @Test
    void shouldRejectDuplicateNamesThrows() {
        assertThatThrownBy(() -> CoxModel.withDefaults().fit(new double[] {1, 2}, new boolean[] {true, true},
                new double[][] {{0, 1}, {1, 0}}, new String[] {"x", "x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names[1]")
                .hasMessageContaining("unique");
    }

    @Test
    void shouldRejectUnknownTermLookupThrows() {
        TestData d = TestData.load("aml.csv");
        CoxResult r = fit(d, new String[] {"x_nonmaintained"}, null, false);
        assertThatThrownBy(() -> r.term("age")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("age");
        assertThat(List.of(r.n(), r.events())).containsExactly(23, 18);
    }
}
