package io.backstory.analytics;

import static io.backstory.analytics.RReference.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The datasets (aml, ovarian, lung with status == 2 as the event, veteran) and the expected tables are
 * written by src/test/resources/io/backstory/analytics/reference.R: for each,
 * {@code fit <- survfit(Surv(time, status) ~ 1, data = d)} and its time, n.risk, n.event, n.censor, surv,
 * std.err, lower, upper (R 4.x, survival 3.5-3, conf.type = "log").
 */
class KaplanMeierTest {

    @ParameterizedTest
    @ValueSource(strings = {"aml", "ovarian", "lung", "veteran"})
    void shouldMatchRSurvfitWhenFittingDataset(String name) {
        RReference.SurvivalData data = RReference.SurvivalData.load(name);
        List<double[]> expected = RReference.table(name + "-survfit.csv");

        SurvivalCurve curve = KaplanMeier.fit(data.time(), data.event());

        assertThat(curve.time()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            double[] row = expected.get(i);
            String at = name + " row " + (i + 1) + " ";
            assertThat(curve.time()[i]).as(at + "time").isEqualTo(row[0]);
            assertThat(curve.nRisk()[i]).as(at + "n.risk").isEqualTo((int) row[1]);
            assertThat(curve.nEvent()[i]).as(at + "n.event").isEqualTo((int) row[2]);
            assertThat(curve.nCensor()[i]).as(at + "n.censor").isEqualTo((int) row[3]);
            assertClose(at + "surv", curve.surv()[i], row[4]);
            assertClose(at + "std.err", curve.stdErr()[i], row[5]);
            assertClose(at + "lower", curve.lower()[i], row[6]);
            assertClose(at + "upper", curve.upper()[i], row[7]);
        }
        assertThat(curve.n()).isEqualTo(data.time().length);
    }

    @Test
    void shouldReportNaNLimitsWhenSurvivalReachesZero() {
        // R: fit <- survfit(Surv(c(1, 2, 3, 3), c(1, 1, 1, 1)) ~ 1); fit$std.err[3] = Inf, fit$lower[3] = NA
        SurvivalCurve curve = KaplanMeier.fit(new double[] {1, 2, 3, 3}, new boolean[] {true, true, true, true});

        assertClose("surv", curve.surv()[2], 0);
        assertThat(curve.stdErr()[2]).isInfinite();
        assertThat(curve.lower()[2]).isNaN();
        assertThat(curve.upper()[2]).isNaN();
        // R: fit$lower[2] = 0.1876589..., fit$upper[2] = 1 (capped)
        assertClose("lower at 2", curve.lowerAt(2.5), 0.18765894);
        assertThat(curve.upperAt(2)).isEqualTo(1.0);
    }

    @Test
    void shouldLookUpStepFunctionWhenQueriedBetweenTimes() {
        RReference.SurvivalData aml = RReference.SurvivalData.load("aml");
        SurvivalCurve curve = KaplanMeier.fit(aml.time(), aml.event());

        // R: summary(survfit(Surv(time, status) ~ 1, data = aml), times = c(4, 5, 10, 200))$surv
        assertThat(curve.survivalAt(4)).isEqualTo(1.0);
        assertThat(curve.lowerAt(4)).isEqualTo(1.0);
        assertThat(curve.upperAt(4)).isEqualTo(1.0);
        assertClose("S(5)", curve.survivalAt(5), 0.91304348);
        assertClose("S(10)", curve.survivalAt(10), 0.78260870);
        assertClose("S(200)", curve.survivalAt(200), 0.08281573);
        assertClose("lower(10)", curve.lowerAt(10), 0.63095791);
        assertClose("upper(10)", curve.upperAt(10), 0.9707088);
        assertThat(curve.events()).isEqualTo(18);
    }

    @Test
    void shouldEqualEmpiricalSurvivalWhenNothingIsCensored() {
        Random random = new Random(42);
        int n = 500;
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        for (int i = 0; i < n; i++) {
            time[i] = random.nextInt(200);
            event[i] = true;
        }

        SurvivalCurve curve = KaplanMeier.fit(time, event);

        for (double t = -1; t <= 201; t += 0.5) {
            int alive = 0;
            for (double ti : time) {
                if (ti > t) {
                    alive++;
                }
            }
            assertThat(curve.survivalAt(t)).as("S(" + t + ")").isCloseTo((double) alive / n,
                    org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void shouldNotDependOnRowOrderWhenRowsAreShuffled(long seed) {
        RReference.SurvivalData lung = RReference.SurvivalData.load("lung");
        RReference.SurvivalData shuffled = lung.shuffled(seed);

        SurvivalCurve a = KaplanMeier.fit(lung.time(), lung.event());
        SurvivalCurve b = KaplanMeier.fit(shuffled.time(), shuffled.event());

        assertThat(b.time()).containsExactly(a.time());
        assertThat(b.nRisk()).containsExactly(a.nRisk());
        assertThat(b.nEvent()).containsExactly(a.nEvent());
        assertThat(b.surv()).containsExactly(a.surv());
        assertThat(b.lower()).containsExactly(a.lower());
    }

    @Test
    void shouldEqualFitWhenInputIsPreSorted() {
        RReference.SurvivalData ovarian = RReference.SurvivalData.load("ovarian");
        RReference.SurvivalData byTime = ovarian.sortedByTime();

        SurvivalCurve sorted = KaplanMeier.fitSorted(byTime.time(), byTime.event());
        SurvivalCurve fit = KaplanMeier.fit(ovarian.time(), ovarian.event());

        assertThat(sorted.surv()).containsExactly(fit.surv());
        assertThat(sorted.nCensor()).containsExactly(fit.nCensor());
    }

    @Test
    void shouldReturnEmptyCurveWhenNoRows() {
        SurvivalCurve curve = KaplanMeier.fit(new double[0], new boolean[0]);

        assertThat(curve.n()).isZero();
        assertThat(curve.survivalAt(10)).isEqualTo(1.0);
    }

    @Test
    void shouldThrowWhenTimeIsNaN() {
        assertThatThrownBy(() -> KaplanMeier.fit(new double[] {1, Double.NaN}, new boolean[] {true, false}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time[1] must be a finite number");
    }

    @Test
    void shouldThrowWhenLengthsDiffer() {
        assertThatThrownBy(() -> KaplanMeier.fit(new double[] {1, 2}, new boolean[] {true}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
    }

    @Test
    void shouldThrowWhenPreSortedInputIsNotSorted() {
        assertThatThrownBy(() -> KaplanMeier.fitSorted(new double[] {2, 1}, new boolean[] {true, true}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sorted ascending");
    }
}
