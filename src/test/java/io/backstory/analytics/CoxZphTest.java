package io.backstory.analytics;

import static io.backstory.analytics.ExtensionsReference.assertFit;
import static io.backstory.analytics.ExtensionsReference.assertPhTest;
import static io.backstory.analytics.StratifiedCoxTest.CLINIC;
import static io.backstory.analytics.StratifiedCoxTest.COVARIATES;
import static io.backstory.analytics.StratifiedCoxTest.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The proportional-hazards test against R 4.2.2 / survival 3.5-3's {@code cox.zph} (a score test since
 * survival 3.0; chisq, df and p per term and GLOBAL), models/r/extensions.R: every transform, a factor term
 * with 3 columns, unstratified, stratified, weighted, counting-process data and a spline term.
 */
class CoxZphTest {

    private static final String[] VETERAN = {"trt", "karno", "celltype[smallcell]", "celltype[adeno]", "celltype[large]"};

    private static CoxResult veteran(PhTransform transform) {
        TestData d = TestData.load("veteran-full.csv");
        double[][] columns = d.columns("trt", "karno", "smallcell", "adeno", "large");
        return CoxModel.withDefaults().withProportionalHazardsTest(transform)
                .fit(d.column("time"), d.flag("status"), columns, VETERAN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PhTransform.class)
    void shouldMatchCoxZphWhenAFactorTermHasThreeColumns(PhTransform transform) {
        CoxResult r = veteran(transform);

        // coxph(Surv(time, status) ~ trt + karno + celltype, data = veteran)
        assertFit("veteran", r);
        // cox.zph(fit, transform = "km" | "identity" | "rank" | "log")$table
        assertPhTest("veteran_zph_" + transform.r(), r.phTest());
        assertThat(r.phTest().term("celltype").df()).isEqualTo(3);
        assertThat(r.phTest().transform()).isEqualTo(transform);
    }

    @Test
    void shouldMatchCoxZphOnTheLungData() {
        TestData d = TestData.load("lung.csv");
        String[] names = {"age", "sex", "ph_ecog"};
        CoxResult r = CoxModel.withDefaults().withProportionalHazardsTest(PhTransform.KM)
                .fit(d.column("time"), d.flag("status"), d.columns(names), names);

        // cox.zph(coxph(Surv(time, status) ~ age + sex + ph_ecog, data = lung))$table
        assertPhTest("lung_zph", r.phTest());
    }

    @Test
    void shouldMatchCoxZphWhenTheModelIsStratified() {
        CoxResult r = CoxModel.withDefaults().withStrata(codes(CLINIC, "therapist"))
                .withProportionalHazardsTest(PhTransform.KM)
                .fit(CLINIC.column("time"), CLINIC.flag("status"), CLINIC.columns(COVARIATES), COVARIATES);

        // cox.zph(coxph(Surv(time, status) ~ plan + age + sex + nprs + strata(therapist), data = d))$table
        assertPhTest("strata_zph", r.phTest());
    }

    @Test
    void shouldMatchCoxZphWhenTheModelIsStratifiedAndWeighted() {
        CoxResult r = CoxModel.withDefaults().withStrata(codes(CLINIC, "therapist")).withWeights(CLINIC.column("w"))
                .withRobustVariance(true).withProportionalHazardsTest(PhTransform.KM)
                .fit(CLINIC.column("time"), CLINIC.flag("status"), CLINIC.columns(COVARIATES), COVARIATES);

        // f <- coxph(Surv(time, status) ~ plan + age + sex + nprs + strata(therapist), data = d, weights = w)
        assertFit("strata_weighted", r);
        // cox.zph(f)$table: the test weights the score and information as the fit, the transform does not
        assertPhTest("strata_weighted_zph", r.phTest());
    }

    @Test
    void shouldMatchCoxZphWhenUnstratified() {
        CoxResult r = CoxModel.withDefaults().withProportionalHazardsTest(PhTransform.KM)
                .fit(CLINIC.column("time"), CLINIC.flag("status"), CLINIC.columns(COVARIATES), COVARIATES);

        // cox.zph(coxph(Surv(time, status) ~ plan + age + sex + nprs, data = d))$table
        assertPhTest("plain_zph", r.phTest());
    }

    @Test
    void shouldMatchCoxZphWhenEntryIsDelayed() {
        CoxResult r = CoxModel.withDefaults().withProportionalHazardsTest(PhTransform.KM)
                .fit(CLINIC.column("entry"), CLINIC.column("time"), CLINIC.flag("status"), CLINIC.columns(COVARIATES),
                        COVARIATES);

        // cox.zph(coxph(Surv(entry, time, status) ~ plan + age + sex + nprs, data = d))$table
        assertPhTest("entry_zph", r.phTest());
    }

    @Test
    void shouldMatchCoxZphOnTheHeartTransplantData() {
        TestData heart = TestData.load("heart.csv");
        String[] names = {"age", "year", "surgery", "transplant"};
        CoxResult r = CoxModel.withDefaults().withProportionalHazardsTest(PhTransform.KM)
                .fit(heart.column("start"), heart.column("stop"), heart.flag("event"), heart.columns(names), names);

        // cox.zph(coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart))$table
        assertPhTest("heart_zph", r.phTest());
    }

    @Test
    void shouldLeaveADroppedColumnOutOfTheTest() {
        String[] names = {"plan", "age", "sex", "nprs", "location"};
        CoxResult r = CoxModel.withDefaults().withStrata(codes(CLINIC, "therapist"))
                .withProportionalHazardsTest(PhTransform.KM)
                .fit(CLINIC.column("time"), CLINIC.flag("status"), CLINIC.columns(names), names);

        // R drops the NA coefficient before testing: the table equals the one without location
        assertPhTest("strata_zph", r.phTest());
        assertThatThrownBy(() -> r.phTest().term("location")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("location");
    }

    @Test
    void shouldRejectTheLogTransformWhenAnEventIsAtTimeZeroThrows() {
        CoxModel model = CoxModel.withDefaults().withProportionalHazardsTest(PhTransform.LOG);
        assertThatThrownBy(() -> model.fit(new double[] {0, 1, 2, 3}, new boolean[] {true, true, false, true},
                new double[][] {{0, 1, 0, 1}}, new String[] {"x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transform: log");
    }
}
