package io.backstory.analytics;

import static io.backstory.analytics.ExtensionsReference.assertFit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stratified Cox models and the cluster-robust (sandwich) variance against R 4.2.2 / survival 3.5-3 on
 * models/clinic.csv (1,500 episodes, 12 therapists in 3 locations, whole days: heavy ties). Each case names
 * the R call of models/r/extensions.R whose values it must reproduce (models/extensions-reference.csv).
 */
class StratifiedCoxTest {

    static final String[] COVARIATES = {"plan", "age", "sex", "nprs"};
    static final TestData CLINIC = TestData.load("clinic.csv");

    static int[] codes(TestData d, String column) {
        double[] c = d.column(column);
        int[] out = new int[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = (int) c[i];
        }
        return out;
    }

    static CoxResult fit(CoxModel model) {
        return model.fit(CLINIC.column("time"), CLINIC.flag("status"), CLINIC.columns(COVARIATES), COVARIATES);
    }

    static Stream<Arguments> cases() {
        int[] therapist = codes(CLINIC, "therapist");
        int[] location = codes(CLINIC, "location");
        double[] w = CLINIC.column("w");
        CoxModel m = CoxModel.withDefaults();
        return Stream.of(
                // coxph(Surv(time, status) ~ plan + age + sex + nprs + strata(therapist), data = d)
                Arguments.of("strata", m.withStrata(therapist)),
                // ... + strata(therapist), weights = w, robust = FALSE
                Arguments.of("strata_weights", m.withStrata(therapist).withWeights(w)),
                // coxph(Surv(time, status) ~ plan + age + sex + nprs, data = d, cluster = therapist)
                Arguments.of("cluster", m.withClusters(therapist)),
                // ... + strata(therapist), cluster = therapist
                Arguments.of("strata_cluster", m.withStrata(therapist).withClusters(therapist)),
                // ... + strata(therapist), cluster = location
                Arguments.of("strata_cluster_location", m.withStrata(therapist).withClusters(location)),
                // coxph(..., weights = w, cluster = therapist)
                Arguments.of("weights_cluster", m.withWeights(w).withClusters(therapist)),
                // ... + strata(therapist), weights = w, cluster = therapist
                Arguments.of("strata_weights_cluster", m.withStrata(therapist).withWeights(w).withClusters(therapist)),
                // ... + strata(therapist), robust = TRUE (each row its own cluster)
                Arguments.of("strata_robust", m.withStrata(therapist).withRobustVariance(true)),
                // ... + strata(therapist), weights = w: R turns the robust variance on for non-integer weights
                Arguments.of("strata_weighted", m.withStrata(therapist).withWeights(w).withRobustVariance(true)),
                // coxph(Surv(time, status) ~ plan + age + sex + nprs, data = d)
                Arguments.of("plain", m));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldMatchRWhenStratifiedWeightedOrClustered(String rCase, CoxModel model) {
        assertFit(rCase, fit(model));
    }

    @Test
    void shouldReportTheStrataAndClustersItUsed() {
        int[] therapist = codes(CLINIC, "therapist");
        CoxResult stratified = fit(CoxModel.withDefaults().withStrata(therapist).withClusters(therapist));
        CoxResult plain = fit(CoxModel.withDefaults());

        assertThat(stratified.strata()).isEqualTo(12);
        assertThat(stratified.clusters()).isEqualTo(12);
        assertThat(stratified.robust()).isTrue();
        assertThat(stratified.fewClusters()).isFalse();
        assertThat(plain.strata()).isEqualTo(1);
        assertThat(plain.clusters()).isZero();
        assertThat(plain.robust()).isFalse();
        assertThat(plain.phTest()).isNull();
    }

    @Test
    void shouldFlagFewClustersWhenTheRobustVarianceHasThreeLocations() {
        CoxResult r = fit(CoxModel.withDefaults().withStrata(codes(CLINIC, "therapist"))
                .withClusters(codes(CLINIC, "location")));

        assertThat(r.clusters()).isEqualTo(3);
        assertThat(r.fewClusters()).isTrue();
    }

    @Test
    void shouldGiveTheSameFitWhenStrataAndClustersAreTextLabels() {
        int[] therapist = codes(CLINIC, "therapist");
        String[] labels = new String[therapist.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = "T" + therapist[i];
        }
        CoxResult byText = fit(CoxModel.withDefaults().withStrata(labels).withClusters(labels));

        assertFit("strata_cluster", byText);
    }

    @Test
    void shouldDropACovariateThatIsConstantWithinEveryStratum() {
        // location is a therapist-level attribute: stratified by therapist it carries no information, R's
        // coxph(... + location + strata(therapist)) reports it as NA and the rest as without it
        String[] names = {"plan", "age", "sex", "nprs", "location"};
        CoxResult r = CoxModel.withDefaults().withStrata(codes(CLINIC, "therapist"))
                .fit(CLINIC.column("time"), CLINIC.flag("status"), CLINIC.columns(names), names);

        assertThat(r.droppedTerms()).containsExactly("location");
        assertFit("strata", r);
    }

    @Test
    void shouldGiveTheUnstratifiedFitWhenEveryRowIsInOneStratum() {
        int[] one = new int[CLINIC.rows()];
        java.util.Arrays.fill(one, 7);

        assertFit("plain", fit(CoxModel.withDefaults().withStrata(one)));
    }

    @Test
    void shouldMatchRWhenTheFitReadsTheLeadingColumnsOfAWiderSharedDesign() {
        // the analysis's visits model builds a design of the primary columns and three more; the stratified primary
        // model then reads its leading columns (DesignCache). Same R call as "strata_cluster".
        int[] therapist = codes(CLINIC, "therapist");
        double[] age = CLINIC.column("age");
        double[] ageSquared = new double[age.length];
        for (int i = 0; i < age.length; i++) {
            ageSquared[i] = age[i] * age[i];
        }
        String[] wider = {"plan", "age", "sex", "nprs", "age2"};
        double[][] columns = CLINIC.columns(COVARIATES);
        double[][] widerColumns = {columns[0], columns[1], columns[2], columns[3], ageSquared};
        CoxModel shared = CoxModel.withDefaults().withStrata(therapist).withClusters(therapist)
                .withDesignCache(new DesignCache());
        shared.fit(CLINIC.column("time"), CLINIC.flag("status"), widerColumns, wider);

        CoxResult leading = shared.withProportionalHazardsTest(PhTransform.KM)
                .fit(CLINIC.column("time"), CLINIC.flag("status"), columns, COVARIATES);
        CoxResult own = fit(CoxModel.withDefaults().withStrata(therapist).withClusters(therapist)
                .withProportionalHazardsTest(PhTransform.KM));

        assertFit("strata_cluster", leading);
        assertThat(leading.terms()).isEqualTo(own.terms());
        assertThat(leading.loglik()).isEqualTo(own.loglik());
        assertThat(leading.phTest()).isEqualTo(own.phTest());
    }

    static Stream<Arguments> badConfigurations() {
        Function<CoxModel, CoxModel> id = Function.identity();
        return Stream.of(
                Arguments.of(id.andThen(m -> m.withStrata(new int[] {1, 2})), "strata must have one entry per row"),
                Arguments.of(id.andThen(m -> m.withClusters(new int[] {1, 2, 3})), "clusters must have one entry per row"),
                Arguments.of(id.andThen(m -> m.withWeights(new double[] {1})), "weights must have one entry per row"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badConfigurations")
    void shouldRejectPerRowArraysOfTheWrongLengthThrows(Function<CoxModel, CoxModel> configure, String message) {
        CoxModel model = configure.apply(CoxModel.withDefaults());
        assertThatThrownBy(() -> fit(model)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void shouldRejectABlankStratumLabelThrows() {
        assertThatThrownBy(() -> CoxModel.withDefaults().withStrata(new String[] {"T1", " "}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strata[1]");
        assertThatThrownBy(() -> CoxModel.withDefaults().withClusters(new String[] {null}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clusters[0]");
    }

    @Test
    void shouldRejectAModelWhoseOnlyCovariateIsConstantWithinStrataThrows() {
        String[] names = {"location"};
        assertThatThrownBy(() -> CoxModel.withDefaults().withStrata(codes(CLINIC, "therapist"))
                .fit(CLINIC.column("time"), CLINIC.flag("status"), CLINIC.columns(names), names))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("within strata");
    }
}
