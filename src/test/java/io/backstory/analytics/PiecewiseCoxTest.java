package io.backstory.analytics;

import static io.backstory.analytics.ExtensionsReference.assertFit;
import static io.backstory.analytics.StratifiedCoxTest.CLINIC;
import static io.backstory.analytics.StratifiedCoxTest.COVARIATES;
import static io.backstory.analytics.StratifiedCoxTest.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Hazard ratios per period of follow-up against R's {@code survSplit} + {@code coxph(Surv(tstart, time, status)
 * ~ plan:strata(period) + ...)} (models/r/extensions.R, R 4.2.2 / survival 3.5-3).
 */
class PiecewiseCoxTest {

    private static PiecewiseCoxResult clinic(PiecewiseCox piecewise) {
        return piecewise.fit(CLINIC.column("time"), CLINIC.flag("status"), CLINIC.columns(COVARIATES), COVARIATES,
                "plan");
    }

    @Test
    void shouldMatchRWhenThePlanRatioIsSplitAtNinetyDays() {
        PiecewiseCoxResult r = clinic(PiecewiseCox.withDefaults());

        // s90 <- survSplit(Surv(time, status) ~ ., data = clinic, cut = 90, episode = "period")
        // coxph(Surv(tstart, time, status) ~ plan:strata(period) + age + sex + nprs, data = s90)
        assertFit("piecewise", r.fit());
        assertThat(r.before().name()).isEqualTo("plan[t<=90]");
        assertThat(r.after().name()).isEqualTo("plan[t>90]");
        RReference.assertClose("HR before 90 days", r.before().ratio(),
                Math.exp(ExtensionsReference.value("piecewise", "coef.plan[t<=90]")));
        RReference.assertClose("HR after 90 days", r.after().ratio(),
                Math.exp(ExtensionsReference.value("piecewise", "coef.plan[t>90]")));
        assertThat(r.cuts()).containsExactly(90.0);
        assertThat(r.term()).isEqualTo("plan");
    }

    @Test
    void shouldMatchRWhenThePiecewiseModelIsStratifiedAndClustered() {
        int[] therapist = codes(CLINIC, "therapist");
        PiecewiseCoxResult r = clinic(PiecewiseCox.withDefaults()
                .withModel(CoxModel.withDefaults().withStrata(therapist).withClusters(therapist)));

        // coxph(Surv(tstart, time, status) ~ plan:strata(period) + age + sex + nprs + strata(therapist),
        //       data = s90, cluster = therapist)
        assertFit("piecewise_strata_cluster", r.fit());
        assertThat(r.fit().clusters()).isEqualTo(12);
    }

    @Test
    void shouldMatchRWhenTwoCutsGiveThreePeriods() {
        TestData vet = TestData.load("veteran-full.csv");
        String[] names = {"trt", "prior", "karno"};
        PiecewiseCoxResult r = PiecewiseCox.withDefaults().withCuts(90, 180)
                .fit(vet.column("time"), vet.flag("status"), vet.columns(names), names, "karno");

        // vet2 <- survSplit(Surv(time, status) ~ ., veteran, cut = c(90, 180), episode = "tgroup", id = "id")
        // coxph(Surv(tstart, time, status) ~ trt + prior + karno:strata(tgroup), data = vet2)
        assertFit("piecewise_veteran", r.fit());
        assertThat(r.periods()).extracting(ModelTerm::name)
                .containsExactly("karno[t<=90]", "karno[90<t<=180]", "karno[t>180]");
    }

    @Test
    void shouldKeepRowsWithTimeZeroInTheFirstPeriod() {
        double[] time = {0, 5, 100, 120, 30, 200, 95, 10};
        boolean[] event = {true, true, true, false, true, true, false, true};
        double[][] columns = {{1, 0, 1, 0, 1, 0, 1, 0}};
        PiecewiseCoxResult r = PiecewiseCox.withDefaults().fit(time, event, columns, new String[] {"plan"}, "plan");

        // 8 rows, 4 of them followed beyond 90 days: 12 intervals
        assertThat(r.fit().n()).isEqualTo(12);
        assertThat(r.fit().events()).isEqualTo(6);
    }

    @Test
    void shouldRejectAnUnknownTermThrows() {
        assertThatThrownBy(() -> clinic(PiecewiseCox.withDefaults()).fit().term("visits"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PiecewiseCox.withDefaults().fit(CLINIC.column("time"), CLINIC.flag("status"),
                CLINIC.columns(COVARIATES), COVARIATES, "visits"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("term: no column called 'visits'");
    }

    @Test
    void shouldRejectCutsThatAreNotIncreasingThrows() {
        assertThatThrownBy(() -> PiecewiseCox.withDefaults().withCuts(90, 30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cuts[1] must be greater");
        assertThatThrownBy(() -> PiecewiseCox.withDefaults().withCuts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cuts[0] must be finite and > 0");
    }
}
