package io.backstory.analytics;

import static io.backstory.analytics.ExtensionsReference.assertFit;
import static io.backstory.analytics.ExtensionsReference.assertPhTest;
import static io.backstory.analytics.StratifiedCoxTest.CLINIC;
import static io.backstory.analytics.StratifiedCoxTest.COVARIATES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * R's {@code splines::ns(x, df)} basis, knots and its use in the dose model (visits as a spline), against
 * models/ns-basis.csv and models/extensions-reference.csv (models/r/extensions.R, R 4.2.2).
 */
class NaturalSplineTest {

    /** The x values each basis was built on: clinic visits (integers, heavy ties), lung ages, and continuous values. */
    private static double[] data(String set) {
        return switch (set) {
            case "visits" -> CLINIC.column("visits");
            case "age" -> TestData.load("lung.csv").column("age");
            case "cont" -> rows("cont", 1).stream().mapToDouble(r -> r[0]).toArray();
            default -> throw new IllegalArgumentException(set);
        };
    }

    /** Rows of ns-basis.csv for one set and df: x, b1..b4 (NaN beyond df). */
    private static List<double[]> rows(String set, int df) {
        try (Reader in = new InputStreamReader(NaturalSplineTest.class.getResourceAsStream(
                "/io/backstory/analytics/models/ns-basis.csv"), StandardCharsets.UTF_8)) {
            List<double[]> out = new ArrayList<>();
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                if (r.get("set").equals(set) && Integer.parseInt(r.get("df")) == df) {
                    out.add(new double[] {RReference.parse(r.get("x")), RReference.parse(r.get("b1")),
                            RReference.parse(r.get("b2")), RReference.parse(r.get("b3")), RReference.parse(r.get("b4"))});
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> bases() {
        return Stream.of("visits", "age", "cont").flatMap(s -> Stream.of(1, 2, 3, 4).map(df -> Arguments.of(s, df)));
    }

    @ParameterizedTest(name = "ns({0}, df = {1})")
    @MethodSource("bases")
    void shouldEqualRsBasisWhenBuiltOnTheSameData(String set, int df) {
        NaturalSpline spline = NaturalSpline.of(data(set), df);
        List<double[]> expected = rows(set, df);
        double[] x = expected.stream().mapToDouble(r -> r[0]).toArray();
        double[][] basis = spline.basis(x);

        // attr(ns(x, df = df), "knots")
        double[] knots = spline.interiorKnots();
        assertThat(knots).hasSize(df - 1);
        for (int i = 0; i < knots.length; i++) {
            RReference.assertClose("knot " + (i + 1), knots[i],
                    ExtensionsReference.value("ns_" + set + "_" + df, "knot." + (i + 1)));
        }
        // predict(ns(x, df = df), sort(unique(x))): every column at every distinct value
        assertThat(basis).hasNumberOfRows(df);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < df; j++) {
                double r = expected.get(i)[1 + j];
                double actual = basis[j][i];
                if (Math.abs(r) < 1e-12) {
                    assertThat(Math.abs(actual)).as("ns column %d at %s", j + 1, x[i]).isLessThan(1e-12);
                } else {
                    RReference.assertClose("ns column " + (j + 1) + " at " + x[i], actual, r);
                }
            }
        }
        assertThat(spline.boundaryKnots()).containsExactly(Arrays.stream(data(set)).min().orElseThrow(),
                Arrays.stream(data(set)).max().orElseThrow());
    }

    @Test
    void shouldPlaceKnotsAtTypeSevenQuantilesWhenValuesAreAllDistinct() {
        // 6,000 distinct values (beyond the per-value counting): R's quantile(x, c(1/3, 2/3), type = 7) is
        // x[lo] + h (x[lo + 1] - x[lo]) at index 1 + (n - 1) p of the sorted values
        java.util.Random random = new java.util.Random(11);
        double[] x = new double[6000];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double[] knots = NaturalSpline.of(x, 3).interiorKnots();
        for (int k = 0; k < 2; k++) {
            double index = 1 + (x.length - 1) * ((k + 1) / 3.0);
            int lo = (int) Math.floor(index);
            double h = index - lo;
            RReference.assertClose("knot " + (k + 1), knots[k], (1 - h) * sorted[lo - 1] + h * sorted[lo]);
        }
    }

    @Test
    void shouldMatchRWhenVisitsEnterTheCoxModelAsASpline() {
        double[] visits = CLINIC.column("visits");
        NaturalSpline spline = NaturalSpline.of(visits, 3);
        double[][] columns = Arrays.copyOf(CLINIC.columns(COVARIATES), COVARIATES.length + 3);
        System.arraycopy(spline.basis(visits), 0, columns, COVARIATES.length, 3);
        String[] names = Stream.concat(Arrays.stream(COVARIATES), Arrays.stream(spline.names("visits")))
                .toArray(String[]::new);
        CoxResult r = CoxModel.withDefaults().withProportionalHazardsTest(PhTransform.KM)
                .fit(CLINIC.column("time"), CLINIC.flag("status"), columns, names);

        // coxph(Surv(time, status) ~ plan + age + sex + nprs + ns(visits, df = 3), data = clinic)
        assertFit("ns", r);
        // cox.zph(that fit)$table: the three spline columns are one term with 3 df
        assertPhTest("ns_zph", r.phTest());
        assertThat(r.phTest().term("visits").df()).isEqualTo(3);
    }

    @Test
    void shouldMatchRWhenTheDesignAddsTheVisitsSpline() throws IOException {
        List<AnalysisEpisode> episodes;
        try (Reader in = new InputStreamReader(NaturalSplineTest.class.getResourceAsStream(
                "/io/backstory/analytics/pipeline/cohort.csv"), StandardCharsets.UTF_8)) {
            episodes = AnalysisCsv.read(in);
        }
        DesignMatrix design = DesignMatrix.of(episodes, DesignMatrix.Terms.WITH_VISITS_SPLINE);
        CoxResult r = CoxModel.withDefaults().fit(design.time(), design.event(), design.columns(),
                design.names().toArray(String[]::new));

        assertThat(design.names()).endsWith("visits[ns1]", "visits[ns2]", "visits[ns3]").doesNotContain("visits");
        // coxph(Surv(time_days, recurred) ~ multifactor + age + sex + chronicity + baseline_nprs + baseline_odi
        //       + fabq_pa + startback + prior_episodes + ns(visits, df = 3), data = complete cases)
        assertFit("cohort_ns", r);
    }

    @Test
    void shouldReportHowMuchThePlanRatioMovesWhenVisitsAreAdded() {
        String[] withVisits = {"plan", "age", "sex", "nprs", "visits"};
        CoxResult plain = CoxModel.withDefaults()
                .fit(CLINIC.column("time"), CLINIC.flag("status"), CLINIC.columns(COVARIATES), COVARIATES);
        CoxResult adjusted = CoxModel.withDefaults()
                .fit(CLINIC.column("time"), CLINIC.flag("status"), CLINIC.columns(withVisits), withVisits);

        HazardRatioChange change = HazardRatioChange.of(plain, adjusted, "plan");

        // exp(coef(coxph(... + visits))["plan"]) / exp(coef(coxph(...))["plan"])
        double expected = Math.exp(ExtensionsReference.value("visits", "coef.plan")
                - ExtensionsReference.value("plain", "coef.plan"));
        RReference.assertClose("ratio of hazard ratios", change.ratio(), expected);
        RReference.assertClose("percent", change.percent(), 100 * (expected - 1));
        assertThat(change.without().name()).isEqualTo("plan");
        assertFit("visits", adjusted);
    }

    @Test
    void shouldRejectAnUnknownTermWhenComparingRatiosThrows() {
        CoxResult plain = CoxModel.withDefaults()
                .fit(CLINIC.column("time"), CLINIC.flag("status"), CLINIC.columns(COVARIATES), COVARIATES);
        assertThatThrownBy(() -> HazardRatioChange.of(plain, plain, "visits"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visits");
    }

    @Test
    void shouldRejectConstantValuesThrows() {
        assertThatThrownBy(() -> NaturalSpline.of(new double[] {4, 4, 4}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: all values equal");
    }

    @Test
    void shouldRejectDegreesOfFreedomOutOfRangeThrows() {
        assertThatThrownBy(() -> NaturalSpline.of(new double[] {1, 2, 3}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("df must be between 1 and 10");
    }

    @Test
    void shouldRejectAValueOutsideTheBoundaryKnotsThrows() {
        NaturalSpline spline = NaturalSpline.of(new double[] {1, 2, 3, 4, 5}, 2);
        assertThatThrownBy(() -> spline.basis(new double[] {2, 6}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the boundary knots");
    }

    @Test
    void shouldRejectANonFiniteValueThrows() {
        assertThatThrownBy(() -> NaturalSpline.of(new double[] {1, Double.NaN}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[1] must be finite");
    }
}
