package io.backstory.analytics;

import static io.backstory.analytics.RReference.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Datasets dumped by reference.R; expected values from R 4.x, survival 3.5-3. */
class LogRankTest {

    static Stream<Arguments> references() {
        return Stream.of(
                // R: survdiff(Surv(time, status) ~ x, data = aml)  (group 1 = Maintained, 2 = Nonmaintained)
                Arguments.of("aml", 3.3963886989776011, 1, 0.065339322040505132,
                        new double[] {7, 11}, new double[] {10.689335992300725, 7.3106640076992759}),
                // R: survdiff(Surv(futime, fustat) ~ rx, data = ovarian)
                Arguments.of("ovarian", 1.0627398612914141, 1, 0.30259111698909524,
                        new double[] {7, 5}, new double[] {5.233531017149943, 6.766468982850057}),
                // R: survdiff(Surv(time, status == 2) ~ sex, data = lung)
                Arguments.of("lung", 10.326741954885632, 1, 0.0013111645203554882,
                        new double[] {112, 53}, new double[] {91.581739029572802, 73.418260970427212}),
                // R: survdiff(Surv(time, status) ~ celltype, data = veteran); p = pchisq(chisq, 3, lower.tail = FALSE)
                Arguments.of("veteran", 25.403700345785357, 3, 1.2712459390060946e-05,
                        new double[] {31, 45, 26, 26},
                        new double[] {47.654677672475373, 30.102079326814831, 15.693764614360491, 34.549478386349314}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void shouldMatchRSurvdiffWhenComparingGroups(String name, double chisq, int df, double p,
                                                 double[] observed, double[] expected) {
        RReference.SurvivalData data = RReference.SurvivalData.load(name);

        LogRankResult r = LogRank.test(data.time(), data.event(), data.group());

        assertClose("chisq", r.chisq(), chisq);
        assertThat(r.df()).isEqualTo(df);
        assertClose("p", r.p(), p);
        assertThat(r.observed()).containsExactly(observed);
        for (int g = 0; g < expected.length; g++) {
            assertClose("expected[" + g + "]", r.expected()[g], expected[g]);
        }
        assertThat(r.groups()).hasSize(df + 1);
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8})
    void shouldNotDependOnRowOrderWhenRowsAreShuffled(long seed) {
        RReference.SurvivalData veteran = RReference.SurvivalData.load("veteran");
        RReference.SurvivalData shuffled = veteran.shuffled(seed);

        LogRankResult a = LogRank.test(veteran.time(), veteran.event(), veteran.group());
        LogRankResult b = LogRank.test(shuffled.time(), shuffled.event(), shuffled.group());

        assertClose("chisq", b.chisq(), a.chisq());
        assertThat(b.observed()).containsExactly(a.observed());
    }

    @Test
    void shouldNotDependOnGroupCodesWhenGroupsAreRelabelled() {
        RReference.SurvivalData veteran = RReference.SurvivalData.load("veteran");
        int[] relabelled = new int[veteran.group().length];
        for (int i = 0; i < relabelled.length; i++) {
            relabelled[i] = 100 - 10 * veteran.group()[i];
        }

        LogRankResult r = LogRank.test(veteran.time(), veteran.event(), relabelled);

        // Same R reference as above: survdiff(Surv(time, status) ~ celltype, data = veteran)
        assertClose("chisq", r.chisq(), 25.403700345785357);
        assertThat(r.groups()).containsExactly(60, 70, 80, 90);
    }

    @Test
    void shouldLeaveGroupOutOfTestWhenItsExpectedCountIsZero() {
        // R: t <- c(5,8,12,20,25,30,2,3,40,45,50,1,1.5); s <- c(1,1,0,1,1,0,0,0,1,0,1,0,0)
        //    g <- c(1,1,1,1,1,1,2,2,2,2,2,3,3); survdiff(Surv(t, s) ~ g)   (group 3 censored before any event)
        double[] t = {5, 8, 12, 20, 25, 30, 2, 3, 40, 45, 50, 1, 1.5};
        boolean[] s = {true, true, false, true, true, false, false, false, true, false, true, false, false};
        int[] g = {1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3};

        LogRankResult r = LogRank.test(t, s, g);

        assertClose("chisq", r.chisq(), 3.4545521238353767);
        assertThat(r.df()).isEqualTo(1);
        assertClose("p", r.p(), 0.063077821838581211);
        assertThat(r.observed()).containsExactly(4, 2, 0);
        assertClose("expected[0]", r.expected()[0], 2.1916666666666664);
        assertClose("expected[1]", r.expected()[1], 3.8083333333333336);
        assertThat(r.expected()[2]).isZero();
    }

    @Test
    void shouldThrowWhenOnlyOneGroup() {
        assertThatThrownBy(() -> LogRank.test(new double[] {1, 2}, new boolean[] {true, true}, new int[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 distinct");
    }

    @Test
    void shouldThrowWhenGroupLengthDiffers() {
        assertThatThrownBy(() -> LogRank.test(new double[] {1, 2}, new boolean[] {true, true}, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group");
    }
}
