package io.backstory.analytics;

import static io.backstory.analytics.RelativeTolerance.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Loss to follow-up against R on the planted differential-loss null (planted/differential-loss-null.csv, values
 * from planted/reference.R): multi-factor patients whose pain came back stopped answering check-ins five times
 * as often as isolated ones. R's set-up: horizon 365, {@code time <- pmin(time_days, 365); status <-
 * recurred & time_days <= 365; lost <- status == 0 & time < 365; km <- survfit(Surv(time, status) ~ multi)}.
 */
class LossToFollowUpTest {

    static final AnalysisColumns DATA = PlantedCohort.columns(
            PlantedCohort.committed(PlantedCohort.Scenario.DIFFERENTIAL_LOSS_NULL));

    @Test
    void shouldMatchRWhenMeasuringCompletenessAndBounds() {
        LossToFollowUpResult r = LossToFollowUp.atHorizon(365).analyze(DATA.time, DATA.event, DATA.multi);

        // c(nrow(x), sum(x$status), sum(x$lost), 1 - mean(x$lost)) per group
        assertThat(r.isolated().n()).isEqualTo(1047);
        assertThat(r.isolated().events()).isEqualTo(388);
        assertThat(r.isolated().lost()).isEqualTo(86);
        close("isolated completeness", r.isolated().completeness(), 0.91786055396370581);
        assertThat(r.multi().n()).isEqualTo(1953);
        assertThat(r.multi().events()).isEqualTo(627);
        assertThat(r.multi().lost()).isEqualTo(291);
        close("multi completeness", r.multi().completeness(), 0.85099846390168965);
        close("gap", r.completenessGap(), 0.85099846390168965 - 0.91786055396370581);
        // summary(survfit(Surv(time, 1 - status) ~ multi))$table[, "median"]: most reach the horizon
        close("median follow-up isolated", r.isolated().medianFollowUp(), 365);
        close("median follow-up multi", r.multi().medianFollowUp(), 365);
        // 1 - summary(km[g], times = 365, extend = TRUE)$surv
        close("km risk isolated", r.isolated().riskAtHorizon(), 0.3897560181662324);
        close("km risk multi", r.multi().riskAtHorizon(), 0.35868105447532594);
        close("km rd", r.riskDifference(), -0.031074963690906454);
        // (sum(x$status) + sum(1 - S(other, 365) / S(other, x$time[x$lost == 1]))) / nrow(x), multi - isolated
        close("other-rate risk isolated", r.isolated().riskIfOtherRate(), 0.38869025523552625);
        close("other-rate risk multi", r.multi().riskIfOtherRate(), 0.36128083063243394);
        close("other-rate rd", r.riskDifferenceOtherRate(), -0.027409424603092314);
        // (e[2] + l[2]) / n[2] - (e[1] + l[1]) / n[1]
        close("all-lost rd", r.riskDifferenceAllLost(), 0.017324019912059507);
        // e[2] / n[2] - (e[1] + l[1]) / n[1]; (e[2] + l[2]) / n[2] - e[1] / n[1]
        close("lowest", r.riskDifferenceLowest(), -0.13167751618625079);
        close("highest", r.riskDifferenceHighest(), 0.099463465948353647);
        // (risk[isolated] * n[multi] - e[multi]) / l[multi]: multi-factor plans look better
        close("tipping share", r.tippingShare(), 0.46114606006409592);
        assertThat(r.tippingGroupMulti()).isTrue();
        assertThat(r.warnings()).anyMatch(w -> w.contains("completeness differs") && w.contains("%.0f %%".formatted(100 * 0.85099846390168965)) && w.contains("%.0f %%".formatted(100 * 0.91786055396370581)));
    }

    @Test
    void shouldMatchRWhenAllLostPatientsRecurred() {
        DesignMatrix d = DATA.design(true, false, false);

        CoxResult cox = LossToFollowUp.atHorizon(365).coxIfAllLostRecurred(d.time(), d.event(), d.columns(),
                d.names().toArray(String[]::new));

        // fa <- coxph(Surv(time, pmax(status, lost)) ~ multi + age + sex + chronicity + baseline_nprs + baseline_odi
        //   + fabq_pa + startback + prior_episodes); coef(fa)["multi"]; sqrt(vcov(fa)["multi", "multi"])
        close("coef", cox.term("multifactor").coef(), -0.023121936695018663);
        close("se", cox.term("multifactor").se(), 0.058517536703152948);
    }

    @Test
    void shouldReproduceKaplanMeierWhenTheOtherGroupIsTheSame() {
        // Efron's redistribution to the right: with the group's own curve the "other rate" sum is the Kaplan-Meier
        // risk (R: own-rate risk 0.38975601816623251 vs KM 0.3897560181662324). Two identical copies of the cohort
        // as the two groups make each group's "other" curve its own.
        int n = DATA.n;
        double[] time = new double[2 * n];
        boolean[] event = new boolean[2 * n];
        boolean[] multi = new boolean[2 * n];
        for (int i = 0; i < n; i++) {
            time[i] = time[n + i] = DATA.time[i];
            event[i] = event[n + i] = DATA.event[i];
            multi[n + i] = true;
        }

        LossToFollowUpResult r = LossToFollowUp.atHorizon(365).analyze(time, event, multi);

        assertThat(r.riskDifference()).isZero();
        assertThat(Math.abs(r.isolated().riskIfOtherRate() - r.isolated().riskAtHorizon())).isLessThan(1e-12);
        assertThat(Math.abs(r.multi().riskIfOtherRate() - r.multi().riskAtHorizon())).isLessThan(1e-12);
        assertThat(r.tippingShare()).isNaN();
    }

    @Test
    void shouldMatchRWhenFollowUpMediansAreReached() {
        RReference.SurvivalData lung = RReference.SurvivalData.load("lung");
        boolean[] multi = new boolean[lung.time().length];
        for (int i = 0; i < multi.length; i++) {
            multi[i] = lung.group()[i] == 2;
        }

        LossToFollowUpResult r = LossToFollowUp.atHorizon(2000).analyze(lung.time(), lung.event(), multi);

        // rk <- survfit(Surv(time, 1 - status) ~ group, data = lung.csv); summary(rk)$table[, c("median", "0.95LCL")]
        close("isolated median", r.isolated().medianFollowUp(), 840);
        close("isolated lower", r.isolated().medianFollowUpLower(), 806);
        assertThat(r.isolated().medianFollowUpUpper()).isNaN();
        close("multi median", r.multi().medianFollowUp(), 529);
        close("multi lower", r.multi().medianFollowUpLower(), 376);
        assertThat(r.multi().medianFollowUpUpper()).isNaN();
    }

    @Test
    void shouldRejectASingleGroupThrows() {
        assertThatThrownBy(() -> LossToFollowUp.atHorizon(365).analyze(new double[] {1, 2}, new boolean[] {true, false},
                new boolean[] {false, false}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multi");
    }

    @Test
    void shouldRejectNonPositiveHorizonThrows() {
        assertThatThrownBy(() -> LossToFollowUp.atHorizon(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("horizonDays");
    }
}
