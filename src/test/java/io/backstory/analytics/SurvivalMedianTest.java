package io.backstory.analytics;

import static io.backstory.analytics.RelativeTolerance.close;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The median of a Kaplan-Meier curve as R's print.survfit shows it (survival:::survmean's minmin). */
class SurvivalMedianTest {

    @Test
    void shouldMatchRWhenMedianAndLimitsAreReached() {
        // summary(survfit(Surv(time, status) ~ 1, data = lung))$table[c("median", "0.95LCL", "0.95UCL")]
        assertMedianMatchesR("lung", 310, 285, 363);
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
        // summary(survfit(Surv(futime, fustat) ~ 1, data = ovarian))$table[c("median", "0.95LCL", "0.95UCL")]: 638 464 NA
        assertMedianMatchesR("ovarian", 638, 464, Double.NaN);
    }

    @Test
    void shouldMatchRWhenTheMedianIsReachedAtATie() {
        // summary(survfit(Surv(time, status) ~ 1, data = aml))$table[c("median", "0.95LCL", "0.95UCL")]: 27 18 45
        assertMedianMatchesR("aml", 27, 18, 45);
    }

    /** Kaplan-Meier fitted to one of R's data sets: its median and 95 % limits as R prints them (NaN where R says NA). */
    private static void assertMedianMatchesR(String dataset, double median, double lower, double upper) {
        RReference.SurvivalData data = RReference.SurvivalData.load(dataset);

        SurvivalCurve c = KaplanMeier.fit(data.time(), data.event());

        close("median", c.median(), median);
        close("lower", c.medianLower(), lower);
        if (Double.isNaN(upper)) {
            assertThat(c.medianUpper()).isNaN();
        } else {
            close("upper", c.medianUpper(), upper);
        }
    }
}
