package io.backstory.analytics;

import static io.backstory.analytics.RelativeTolerance.close;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The median of a Kaplan-Meier curve as R's print.survfit shows it (survival:::survmean's minmin). */
class SurvivalMedianTest {

    @Test
    void shouldMatchRWhenMedianAndLimitsAreReached() {
        RReference.SurvivalData lung = RReference.SurvivalData.load("lung");

        SurvivalCurve c = KaplanMeier.fit(lung.time(), lung.event());

        // summary(survfit(Surv(time, status) ~ 1, data = lung))$table[c("median", "0.95LCL", "0.95UCL")]
        close("median", c.median(), 310);
        close("lower", c.medianLower(), 285);
        close("upper", c.medianUpper(), 363);
    }

    @Test
    void shouldAverageTwoTimesWhenSurvivalIsExactlyOneHalf() {
        SurvivalCurve c = KaplanMeier.fit(new double[] {1, 2, 3, 4}, new boolean[] {true, true, true, true});

        // summary(survfit(Surv(c(1, 2, 3, 4), c(1, 1, 1, 1)) ~ 1))$table[c("median", "0.95LCL", "0.95UCL")]: 2.5 1 NA
        assertThat(c.median()).isEqualTo(2.5);
        assertThat(c.medianLower()).isEqualTo(1);
        assertThat(c.medianUpper()).isNaN();
    }

    @Test
    void shouldBeNaNWhenUpperLimitNeverFallsToOneHalf() {
        RReference.SurvivalData ovarian = RReference.SurvivalData.load("ovarian");

        SurvivalCurve c = KaplanMeier.fit(ovarian.time(), ovarian.event());

        // summary(survfit(Surv(futime, fustat) ~ 1, data = ovarian))$table[c("median", "0.95LCL", "0.95UCL")]: 638 464 NA
        close("median", c.median(), 638);
        close("lower", c.medianLower(), 464);
        assertThat(c.medianUpper()).isNaN();
    }

    @Test
    void shouldMatchRWhenTheMedianIsReachedAtATie() {
        RReference.SurvivalData aml = RReference.SurvivalData.load("aml");

        SurvivalCurve c = KaplanMeier.fit(aml.time(), aml.event());

        // summary(survfit(Surv(time, status) ~ 1, data = aml))$table[c("median", "0.95LCL", "0.95UCL")]: 27 18 45
        close("median", c.median(), 27);
        close("lower", c.medianLower(), 18);
        close("upper", c.medianUpper(), 45);
    }
}
