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
 * src/test/resources/r/datasets.R; every expected number is printed by r/reference.R (its output is
 * kept in r/reference.out). Each case lists the R call; coef/se/p come from
 * {@code summary(fit)$coefficients}, limits from {@code exp(confint(fit))}, log-likelihoods from
 * {@code fit$loglik}, the score test from {@code fit$score}, iterations from {@code fit$iter}.
 */
class CoxModelTest {

    record CoxCase(String call, String file, String[] terms, String weights, boolean robust,
                   double[] coef, double[] se, double[] p, double[] lower, double[] upper,
                   double[] loglik, double score, int iter, double lrP) {
        @Override
        public String toString() {
            return call;
        }
    }

    static Stream<CoxCase> rCases() {
        return Stream.of(
                // coxph(Surv(time, status) ~ x, data = aml)   (x_nonmaintained = x == "Nonmaintained")
                new CoxCase("coxph(Surv(time, status) ~ x, data = aml)", "aml.csv",
                        new String[] {"x_nonmaintained"}, null, false,
                        new double[] {0.91553257501471763}, new double[] {0.5119342751720054},
                        new double[] {0.07371486063904574}, new double[] {0.91590725743640833},
                        new double[] {6.8134957660633022}, new double[] {-42.72483926276022, -41.032615596458378},
                        3.4167343955173028, 3, 0.06581424016234029),
                // coxph(Surv(futime, fustat) ~ age + rx, data = ovarian)
                new CoxCase("coxph(Surv(futime, fustat) ~ age + rx, data = ovarian)", "ovarian.csv",
                        new String[] {"age", "rx"}, null, false,
                        new double[] {0.147326595469114, -0.80397301266511445},
                        new double[] {0.046147047740802638, 0.63204937187945009},
                        new double[] {0.0014102423942953959, 0.20336962745236711},
                        new double[] {1.0585288257942256, 0.12966941641127896},
                        new double[] {1.2684214150243058, 1.5446865239904837},
                        new double[] {-34.984940371162558, -27.041898863008388},
                        18.557123383619821, 5, 0.0003551247193220073),
                // coxph(Surv(futime, fustat) ~ age + factor(ecog.ps), data = ovarian)
                new CoxCase("coxph(Surv(futime, fustat) ~ age + factor(ecog.ps), data = ovarian)", "ovarian.csv",
                        new String[] {"age", "ecog2"}, null, false,
                        new double[] {0.16150122036466838, 0.018661860233282285},
                        new double[] {0.049922587261013833, 0.59908458776243589},
                        new double[] {0.001216286456583397, 0.97514941513257147},
                        new double[] {1.0657243910330809, 0.31489300784941704},
                        new double[] {1.2960843664895838, 3.2964498156839337},
                        new double[] {-34.984940371162558, -27.837661696013246},
                        12.260557914902501, 5, 0.00078700286027607615),
                // coxph(Surv(time, status == 2) ~ age + sex + ph.ecog, data = lung), complete cases
                new CoxCase("coxph(Surv(time, status == 2) ~ age + sex + ph.ecog, data = lung)", "lung.csv",
                        new String[] {"age", "sex", "ph_ecog"}, null, false,
                        new double[] {0.011066764560073482, -0.55261239570363097, 0.46372847537042766},
                        new double[] {0.0092674110137005283, 0.1677390537872635, 0.11357726616199662},
                        new double[] {0.23241568099961177, 0.00098605137213845302, 4.4470666518568107e-05},
                        new double[] {0.99292809716985009, 0.41421301854917247, 1.2726751777742971},
                        new double[] {1.0296619622421546, 0.7994351273871465, 1.9864235812875903},
                        new double[] {-744.48045576144023, -729.23012137486194},
                        30.499922704949103, 3, 1.0828176991986987e-06),
                // coxph(Surv(time, status) ~ trt + karno + factor(celltype), data = veteran)
                new CoxCase("coxph(Surv(time, status) ~ trt + karno + factor(celltype), data = veteran)",
                        "veteran.csv", new String[] {"trt", "karno", "smallcell", "adeno", "large"}, null, false,
                        new double[] {0.26174409005751526, -0.031271296047802197, 0.82498018785713012,
                                1.1539944138617664, 0.39462546394581094},
                        new double[] {0.20092305511889183, 0.005165089742917032, 0.26891129219478777,
                                0.29503773769712482, 0.2822433098574581},
                        new double[] {0.19267443788617628, 1.4097984829120617e-09, 0.0021560298807700904,
                                9.1783509066187247e-05, 0.1620606028116619},
                        new double[] {0.87629029001979264, 0.95945037365360464, 1.3470590573993748,
                                1.7784302156770515, 0.85337068619303047},
                        new double[] {1.9261940126278565, 0.97907414274843507, 3.8652897063497345,
                                5.6534035036921138, 2.5800587916723727},
                        new double[] {-505.44905491805798, -474.91450892475274},
                        66.548565445016052, 4, 7.3066943396648887e-12),
                // summary(coxph(Surv(time, status) ~ trt + karno + factor(celltype), data = veteran,
                //     robust = TRUE))$coefficients[, "robust se"]
                new CoxCase("coxph(... ~ trt + karno + factor(celltype), data = veteran, robust = TRUE)",
                        "veteran.csv", new String[] {"trt", "karno", "smallcell", "adeno", "large"}, null, true,
                        new double[] {0.26174409005751526, -0.031271296047802197, 0.82498018785713012,
                                1.1539944138617664, 0.39462546394581094},
                        new double[] {0.17062773448692464, 0.0053849184690716685, 0.30404649464279415,
                                0.28407317431294493, 0.24761671238469626},
                        new double[] {0.12502800140263443, 6.3526411665734235e-09, 0.0066609603652954463,
                                4.8588673212114422e-05, 0.11100441218215704},
                        new double[] {0.92989823430519958, 0.9590370773751008, 1.2574174927747113,
                                1.8170625673288612, 0.91329679522322527},
                        new double[] {1.8151503548355694, 0.97949607398459204, 4.1408470443029426,
                                5.5332071625692709, 2.4107678390896683},
                        new double[] {-505.44905491805798, -474.91450892475274},
                        66.548565445016052, 4, 7.3066943396648887e-12),
                // lung$wt <- seq(0.5, 2, length.out = 227) (complete cases, file order)
                // coxph(Surv(time, status == 2) ~ age + sex + ph.ecog, data = lung, weights = wt, robust = TRUE)
                new CoxCase("coxph(... ~ age + sex + ph.ecog, data = lung, weights = wt, robust = TRUE)",
                        "lung.csv", new String[] {"age", "sex", "ph_ecog"}, "wt", true,
                        new double[] {0.010100806606218348, -0.65405989563198197, 0.47654090420844541},
                        new double[] {0.0098331900354263566, 0.16868598612268801, 0.11898025340099466},
                        new double[] {0.30431893464030618, 0.00010558679339560834, 6.1962401635462072e-05},
                        new double[] {0.99087004178137716, 0.37355936181495436, 1.2755071862782097},
                        new double[] {1.0298091614493465, 0.72365433522908884, 2.0334582514142214},
                        new double[] {-870.80308798703231, -849.82279336025374},
                        41.649838838676644, 4, 4.0901364291750194e-09),
                // coxph(Surv(time, status) ~ treated + age + sex + nprs + chronic, data = cohort)
                new CoxCase("coxph(Surv(time, status) ~ treated + age + sex + nprs + chronic, data = cohort)",
                        "cohort.csv", new String[] {"treated", "age", "sex", "nprs", "chronic"}, null, false,
                        new double[] {-0.45784663806194309, 0.022389391676099355, 0.022462774454190097,
                                0.15955722820234169, 0.52614321451145762},
                        new double[] {0.056501382087091746, 0.0023708270153327249, 0.051208045172794821,
                                0.013278462349576614, 0.053849425774960005},
                        new double[] {5.3495998683387434e-16, 3.5982497814201104e-21, 0.6609099899505898,
                                2.9194687896994318e-33, 1.5050216701426031e-22},
                        new double[] {0.56632491425565978, 1.0179009920827891, 0.92505401386849917,
                                1.1428577458316767, 1.5228754320578799},
                        new double[] {0.70673043623915066, 1.0274049193968433, 1.1306907155805765,
                                1.2039195625933783, 1.8807791822449724},
                        new double[] {-10425.537217452844, -10282.34461303589},
                        286.17102746203614, 3, 8.4533363002555116e-60));
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
    void shouldMatchRWhenFittingReferenceData(CoxCase c) {
        TestData d = TestData.load(c.file());
        CoxResult r = fit(d, c.terms(), c.weights(), c.robust());

        assertThat(r.converged()).isTrue();
        assertThat(r.iterations()).isEqualTo(c.iter());
        assertThat(r.droppedTerms()).isEmpty();
        assertThat(r.terms()).extracting(ModelTerm::name).containsExactly(c.terms());
        for (int j = 0; j < c.terms().length; j++) {
            ModelTerm t = r.terms().get(j);
            close(t.name() + " coef", t.coef(), c.coef()[j]);
            close(t.name() + " se", t.se(), c.se()[j]);
            close(t.name() + " exp(coef)", t.ratio(), Math.exp(c.coef()[j]));
            close(t.name() + " z", t.z(), c.coef()[j] / c.se()[j]);
            closeP(t.name() + " p", t.p(), c.p()[j]);
            close(t.name() + " lower", t.lower(), c.lower()[j]);
            close(t.name() + " upper", t.upper(), c.upper()[j]);
        }
        close("loglik null", r.loglikNull(), c.loglik()[0]);
        close("loglik", r.loglik(), c.loglik()[1]);
        close("lr chisq", r.lrChisq(), 2 * (c.loglik()[1] - c.loglik()[0]));
        assertThat(r.lrDf()).isEqualTo(c.terms().length);
        closeP("lr p", r.lrP(), c.lrP());
        close("score test", r.scoreTest(), c.score());
    }

    @Test
    void shouldDropTheLaterColumnWhenOneIsTheSumOfTwoOthers() {
        // lung$agesex <- lung$age + lung$sex
        // coxph(Surv(time, status == 2) ~ age + sex + agesex + ph.ecog, data = lung): agesex NA,
        // the other coefficients equal the fit without it (coef 0.011066764560073482,
        // -0.55261239570363097, 0.46372847537042766; se 0.0092674110137005283, 0.1677390537872635,
        // 0.11357726616199662; loglik -729.23012137486194)
        TestData d = TestData.load("lung.csv");
        double[] age = d.column("age");
        double[] sex = d.column("sex");
        double[] agesex = d.sum("age", "sex");
        CoxResult r = CoxModel.withDefaults().fit(d.column("time"), d.flag("status"),
                new double[][] {age, sex, agesex, d.column("ph_ecog")},
                new String[] {"age", "sex", "agesex", "ph_ecog"});

        assertThat(r.droppedTerms()).containsExactly("agesex");
        assertThat(r.warnings()).anyMatch(w -> w.contains("agesex") && w.contains("collinear"));
        assertThat(r.terms()).extracting(ModelTerm::name).containsExactly("age", "sex", "ph_ecog");
        close("age coef", r.term("age").coef(), 0.011066764560073482);
        close("sex coef", r.term("sex").coef(), -0.55261239570363097);
        close("ph_ecog coef", r.term("ph_ecog").coef(), 0.46372847537042766);
        close("age se", r.term("age").se(), 0.0092674110137005283);
        close("sex se", r.term("sex").se(), 0.1677390537872635);
        close("ph_ecog se", r.term("ph_ecog").se(), 0.11357726616199662);
        close("loglik", r.loglik(), -729.23012137486194);
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
