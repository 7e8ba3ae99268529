package io.backstory.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Worked examples built from each instrument's published scoring rule; the expected totals were computed in R
 * (the call is beside each value). Relative tolerance 1e-6 (withinPercentage(1e-4)).
 */
class ScoringTest {

    private static List<Integer> answers(Integer... values) {
        return Arrays.asList(values);
    }

    private static List<Integer> repeat(int value, int times) {
        return new ArrayList<>(Collections.nCopies(times, value));
    }

    /** {@code times} answers of {@code value} but item {@code item} (counted from 1, as the messages count). */
    private static List<Integer> repeatExcept(int value, int times, int item, Integer answer) {
        List<Integer> answers = repeat(value, times);
        answers.set(item - 1, answer);
        return answers;
    }

    /** Scoring rejects bad input with an IllegalArgumentException; the caller checks that its message says why. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejects(ThrowingCallable scoring) {
        return assertThatThrownBy(scoring).isInstanceOf(IllegalArgumentException.class);
    }

    // --- NPRS: single 0-10 item (Farrar 2001) ---

    @Test
    void shouldScoreNprsAsItsSingleItemWhenAnswered() {
        InstrumentScore score = Scoring.score(Instrument.NPRS, answers(7));
        assertThat(score.total()).isEqualTo(7.0);
        assertThat(score.subscales()).isEmpty();
        assertThat(score.category()).isNull();
    }

    // --- ODI 2.1a: sum / (5 x sections answered) x 100 (Fairbank & Pynsent 2000, Spine 25:2940) ---

    @Test
    void shouldScoreOdiOverFiftyWhenAllTenSectionsAnswered() {
        InstrumentScore score = Scoring.score(Instrument.ODI, answers(3, 2, 1, 2, 3, 1, 2, 0, 2, 2));
        // R: sum(c(3,2,1,2,3,1,2,0,2,2))/(5*10)*100  -> 36
        assertThat(score.total()).isCloseTo(36.0, withinPercentage(1e-4));
        assertThat(score.category()).isEqualTo("moderate");
    }

    @Test
    void shouldScoreOdiOverFortyFiveWhenOneSectionMissed() {
        // Fairbank & Pynsent 2000: one section missed -> divide by 45.
        InstrumentScore score = Scoring.score(Instrument.ODI, answers(3, 2, 1, 2, 3, 1, 2, null, 2, 2));
        // R: sum(c(3,2,1,2,3,1,2,2,2))/(5*9)*100  -> 40
        assertThat(score.total()).isCloseTo(40.0, withinPercentage(1e-4));
        assertThat(score.category()).isEqualTo("moderate");
    }

    @Test
    void shouldScoreOdiOverFortyWhenTwoSectionsMissed() {
        InstrumentScore score = Scoring.score(Instrument.ODI, answers(4, 3, null, 3, 4, 3, null, 2, 3, 3));
        // R: sum(c(4,3,3,4,3,2,3,3))/(5*8)*100  -> 62.5
        assertThat(score.total()).isCloseTo(62.5, withinPercentage(1e-4));
        assertThat(score.category()).isEqualTo("crippled");
    }

    @Test
    void shouldPlaceNonIntegerOdiAboveTwentyInModerateWhenSectionMissed() {
        InstrumentScore atLimit = Scoring.score(Instrument.ODI, answers(1, 1, 1, 1, 1, 1, 1, 1, null, 1));
        // R: sum(rep(1,9))/(5*9)*100  -> 20
        assertThat(atLimit.total()).isCloseTo(20.0, withinPercentage(1e-4));
        assertThat(atLimit.category()).isEqualTo("minimal");
        InstrumentScore above = Scoring.score(Instrument.ODI, answers(1, 1, 1, 1, 1, 1, 1, 1, null, 2));
        // R: sprintf("%.12f", sum(c(1,1,1,1,1,1,1,1,2))/(5*9)*100)  -> 22.222222222222
        assertThat(above.total()).isCloseTo(22.222222222222, withinPercentage(1e-4));
        assertThat(above.category()).isEqualTo("moderate");
    }

    @Test
    void shouldRejectOdiWhenThreeSectionsMissedThrows() {
        assertRejects(() -> Scoring.score(Instrument.ODI, answers(1, null, 1, null, 1, null, 1, 1, 1, 1)))
                .hasMessage("ODI itemAnswers: 7 sections answered, at least 8 needed to score");
    }

    @Test
    void shouldRejectOdiSectionAnswerAboveFiveThrows() {
        assertRejects(() -> Scoring.score(Instrument.ODI, answers(1, 6, 1, 1, 1, 1, 1, 1, 1, 1)))
                .hasMessage("ODI section 2: answer 6 is outside 0–5");
    }

    @Test
    void shouldRejectOdiWhenFewerThanTenPositionsGivenThrows() {
        assertRejects(() -> Scoring.score(Instrument.ODI, repeat(1, 9)))
                .hasMessage("ODI itemAnswers: 9 sections given, exactly 10 expected");
    }

    // Fairbank's bands 0-20/21-40/41-60/61-80/81-100; a fraction belongs to the band whose upper limit it does not exceed.
    @ParameterizedTest
    @CsvSource({
            "0, minimal", "20, minimal", "20.0001, moderate", "21, moderate", "40, moderate", "40.5, severe",
            "41, severe", "60, severe", "60.5, crippled", "61, crippled", "80, crippled", "80.1, bed-bound",
            "81, bed-bound", "100, bed-bound"})
    void shouldBandOdiPercentWhenEnteredAsTotal(double percent, String band) {
        InstrumentScore score = Scoring.total(Instrument.ODI, percent);
        assertThat(score.total()).isEqualTo(percent);
        assertThat(score.category()).isEqualTo(band);
    }

    @ParameterizedTest
    @CsvSource({"-0.1", "100.1", "NaN"})
    void shouldRejectOdiTotalOutsideZeroToHundredThrows(double percent) {
        assertRejects(() -> Scoring.total(Instrument.ODI, percent))
                .hasMessageStartingWith("ODI total: score ")
                .hasMessageEndingWith(" is outside 0–100");
    }

    // --- RMDQ-24: count of items ticked (Roland & Morris 1983, Spine 8:141) ---

    @Test
    void shouldCountTickedItemsWhenRmdqAnswered() {
        List<Integer> ticks = answers(0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0);
        // R: sum(c(0,1,1,0,1,0,0,1,1,0,0,1,0,1,0,0,1,0,1,0,0,0,0,0))  -> 9
        assertThat(Scoring.score(Instrument.RMDQ, ticks).total()).isEqualTo(9.0);
    }

    @Test
    void shouldRejectRmdqAnswerOtherThanYesNoThrows() {
        assertRejects(() -> Scoring.score(Instrument.RMDQ, repeatExcept(0, 24, 12, 2)))
                .hasMessage("RMDQ item 12: answer 2 is outside 0–1");
    }

    // --- PSFS: mean of 3-5 activities rated 0-10 (Stratford et al. 1995, Physiother Can 47:258) ---

    @Test
    void shouldAverageActivitiesWhenPsfsHasThreeToFive() {
        // R: mean(c(3,5,4))  -> 4
        assertThat(Scoring.score(Instrument.PSFS, answers(3, 5, 4)).total()).isCloseTo(4.0, withinPercentage(1e-4));
        // R: mean(c(2,5,6,3))  -> 4
        assertThat(Scoring.score(Instrument.PSFS, answers(2, 5, 6, 3)).total()).isCloseTo(4.0, withinPercentage(1e-4));
        // R: sprintf("%.12f", mean(c(4,5,5)))  -> 4.666666666667
        assertThat(Scoring.score(Instrument.PSFS, answers(4, 5, 5)).total())
                .isCloseTo(4.666666666667, withinPercentage(1e-4));
    }

    @Test
    void shouldAverageRatedActivitiesOnlyWhenPsfsSlotIsEmpty() {
        // R: mean(c(7,4,5,6))  -> 5.5
        assertThat(Scoring.score(Instrument.PSFS, answers(7, null, 4, 5, 6)).total())
                .isCloseTo(5.5, withinPercentage(1e-4));
    }

    @Test
    void shouldRejectPsfsWhenFewerThanThreeActivitiesThrows() {
        assertRejects(() -> Scoring.score(Instrument.PSFS, answers(3, 5)))
                .hasMessage("PSFS itemAnswers: 2 activities given, 3–5 expected");
        assertRejects(() -> Scoring.score(Instrument.PSFS, answers(3, null, 5)))
                .hasMessage("PSFS itemAnswers: 2 activities answered, at least 3 needed to score");
    }

    @Test
    void shouldRejectPsfsWhenSixActivitiesThrows() {
        assertRejects(() -> Scoring.score(Instrument.PSFS, repeat(5, 6)))
                .hasMessage("PSFS itemAnswers: 6 activities given, 3–5 expected");
    }

    @Test
    void shouldRejectPsfsRatingAboveTenThrows() {
        assertRejects(() -> Scoring.score(Instrument.PSFS, answers(3, 11, 4)))
                .hasMessage("PSFS activity 2: answer 11 is outside 0–10");
    }

    // --- FABQ: PA = items 2-5, W = items 6, 7, 9-12, 15 (Waddell et al. 1993, Pain 52:157) ---

    @Test
    void shouldScoreFabqSubscalesFromTheirItemsOnly() {
        List<Integer> items = answers(3, 4, 5, 3, 2, 6, 5, 1, 4, 3, 6, 2, 0, 2, 5, 1);
        InstrumentScore score = Scoring.score(Instrument.FABQ, items);
        // R: fabq <- c(3,4,5,3,2,6,5,1,4,3,6,2,0,2,5,1); sum(fabq[2:5])  -> 14
        assertThat(score.total()).isEqualTo(14.0);
        assertThat(score.subscale("PA")).isEqualTo(14.0);
        // R: sum(fabq[c(6,7,9,10,11,12,15)])  -> 31
        assertThat(score.subscale("W")).isEqualTo(31.0);
        assertThat(score.subscales().keySet()).containsExactly("PA", "W");
        assertThat(score.category()).isEqualTo("low");
    }

    @Test
    void shouldIgnoreUnscoredFabqItemsWhenSubscalesComputed() {
        List<Integer> unscoredOnly = repeat(0, 16);
        for (int item : new int[] {1, 8, 13, 14, 16}) {
            unscoredOnly.set(item - 1, 6);
        }
        InstrumentScore score = Scoring.score(Instrument.FABQ, unscoredOnly);
        assertThat(score.subscale("PA")).isZero();
        assertThat(score.subscale("W")).isZero();
    }

    @ParameterizedTest
    @CsvSource({"14, low", "15, high", "0, low", "24, high"})
    void shouldCategoriseFabqPaAboveFourteenAsHigh(double pa, String category) {
        assertThat(Scoring.fabq(pa, 20).category()).isEqualTo(category);
    }

    @Test
    void shouldRejectFabqAnswerSevenThrows() {
        assertRejects(() -> Scoring.score(Instrument.FABQ, repeatExcept(3, 16, 3, 7)))
                .hasMessage("FABQ item 3: answer 7 is outside 0–6");
    }

    @Test
    void shouldRejectFabqSubscalesOutOfRangeThrows() {
        assertRejects(() -> Scoring.fabq(25, 10)).hasMessage("FABQ PA subscale: score 25 is outside 0–24");
        assertRejects(() -> Scoring.fabq(10, 43)).hasMessage("FABQ W subscale: score 43 is outside 0–42");
        assertRejects(() -> Scoring.fabq(10.5, 10))
                .hasMessageStartingWith("FABQ PA subscale: 10.5 must be a whole number");
    }

    @Test
    void shouldRejectFabqTotalAloneThrows() {
        assertRejects(() -> Scoring.total(Instrument.FABQ, 12)).hasMessageContaining("Scoring.fabq(pa, w)");
    }

    // --- TSK-11: 11 items x 1-4, total 11-44 (Woby et al. 2005, Pain 117:137) ---

    @Test
    void shouldSumTsk11Items() {
        // R: sum(c(2,3,3,2,4,3,2,3,3,2,4))  -> 31
        assertThat(Scoring.score(Instrument.TSK11, answers(2, 3, 3, 2, 4, 3, 2, 3, 3, 2, 4)).total()).isEqualTo(31.0);
        assertThat(Scoring.score(Instrument.TSK11, repeat(1, 11)).total()).isEqualTo(11.0);
        assertThat(Scoring.score(Instrument.TSK11, repeat(4, 11)).total()).isEqualTo(44.0);
    }

    @Test
    void shouldRejectTsk11ItemAnswerZeroThrows() {
        assertRejects(() -> Scoring.score(Instrument.TSK11, repeatExcept(2, 11, 1, 0)))
                .hasMessage("TSK-11 item 1: answer 0 is outside 1–4");
    }

    @Test
    void shouldRejectTsk11UnansweredItemThrows() {
        assertRejects(() -> Scoring.score(Instrument.TSK11, repeatExcept(2, 11, 4, null)))
                .hasMessage("TSK-11 item 4: unanswered; all 11 items are required");
    }

    // --- PSEQ: 10 items x 0-6, total 0-60, higher = more confident (Nicholas 2007, Eur J Pain 11:153) ---

    @Test
    void shouldSumPseqItems() {
        // R: sum(c(4,3,5,2,4,3,5,4,3,2))  -> 35
        assertThat(Scoring.score(Instrument.PSEQ, answers(4, 3, 5, 2, 4, 3, 5, 4, 3, 2)).total()).isEqualTo(35.0);
    }

    @Test
    void shouldRejectPseqWithNineItemsThrows() {
        assertRejects(() -> Scoring.score(Instrument.PSEQ, repeat(3, 9)))
                .hasMessage("PSEQ itemAnswers: 9 items given, exactly 10 expected");
    }

    // --- STarT Back: total 0-9, distress = items 5-9; low total <= 3, high distress >= 4 (Hill et al. 2008) ---

    @Test
    void shouldScoreStartBackTotalDistressAndRiskFromItems() {
        InstrumentScore score = Scoring.score(Instrument.STARTBACK, answers(1, 0, 1, 1, 1, 1, 0, 1, 1));
        // R: sb <- c(1,0,1,1,1,1,0,1,1); sum(sb)  -> 7
        assertThat(score.total()).isEqualTo(7.0);
        // R: sum(sb[5:9])  -> 4
        assertThat(score.subscale("distress")).isEqualTo(4.0);
        assertThat(score.category()).isEqualTo("high");
    }

    @ParameterizedTest
    @CsvSource({
            "1,1,1,0,0,0,0,0,0, low",     // total 3
            "0,0,0,0,1,1,1,0,0, low",     // total 3, distress 3
            "1,1,1,1,0,0,0,0,0, medium",  // total 4, distress 0
            "1,0,0,0,1,1,1,0,0, medium",  // total 4, distress 3
            "0,0,0,0,1,1,1,1,0, high",    // total 4, distress 4
            "1,1,1,1,1,1,1,1,1, high"})   // total 9, distress 5
    void shouldCategoriseStartBackRiskAtBoundaries(int i1, int i2, int i3, int i4, int i5, int i6, int i7, int i8,
                                                   int i9, String risk) {
        assertThat(Scoring.score(Instrument.STARTBACK, answers(i1, i2, i3, i4, i5, i6, i7, i8, i9)).category())
                .isEqualTo(risk);
    }

    @ParameterizedTest
    @CsvSource({"3, 3, low", "4, 0, medium", "5, 3, medium", "4, 4, high", "9, 5, high"})
    void shouldCategoriseStartBackWhenEnteredAsTotals(int total, int distress, String risk) {
        InstrumentScore score = Scoring.startBack(total, distress);
        assertThat(score.total()).isEqualTo(total);
        assertThat(score.subscale("distress")).isEqualTo(distress);
        assertThat(score.category()).isEqualTo(risk);
    }

    @Test
    void shouldRejectInconsistentStartBackTotalsThrows() {
        assertRejects(() -> Scoring.startBack(2, 3))
                .hasMessageStartingWith("STarT Back distress subscale: 3 cannot go with total 2");
        assertRejects(() -> Scoring.startBack(9, 3))
                .hasMessageStartingWith("STarT Back distress subscale: 3 cannot go with total 9");
        assertRejects(() -> Scoring.startBack(10, 5)).hasMessage("STarT Back total: score 10 is outside 0–9");
        assertRejects(() -> Scoring.startBack(6, 6)).hasMessage("STarT Back distress subscale: score 6 is outside 0–5");
        assertRejects(() -> Scoring.total(Instrument.STARTBACK, 5))
                .hasMessageContaining("Scoring.startBack(total, distress)");
    }

    @Test
    void shouldRejectUndichotomisedStartBackItemNineThrows() {
        assertRejects(() -> Scoring.score(Instrument.STARTBACK, answers(1, 0, 1, 1, 1, 1, 0, 1, 4)))
                .hasMessage("STarT Back item 9: answer 4 is outside 0–1");
    }

    // --- totals entered directly ---

    @ParameterizedTest
    @CsvSource({"NPRS, 0", "NPRS, 10", "RMDQ, 24", "TSK11, 11", "TSK11, 44", "PSEQ, 60", "PSFS, 6.5", "ODI, 22.2"})
    void shouldAcceptTotalWhenInRange(Instrument instrument, double total) {
        assertThat(Scoring.total(instrument, total).total()).isEqualTo(total);
    }

    @ParameterizedTest
    @CsvSource({
            "NPRS, 11, NPRS total: score 11 is outside 0–10",
            "NPRS, 4.5, NPRS total: 4.5 must be a whole number (a sum of item answers)",
            "RMDQ, 25, RMDQ total: score 25 is outside 0–24",
            "TSK11, 10, TSK-11 total: score 10 is outside 11–44",
            "PSEQ, -1, PSEQ total: score -1 is outside 0–60",
            "PSFS, 10.5, PSFS total: score 10.5 is outside 0–10"})
    void shouldRejectTotalOutsideRangeThrows(Instrument instrument, double total, String message) {
        assertRejects(() -> Scoring.total(instrument, total)).hasMessage(message);
    }

    @Test
    void shouldRejectMissingArgumentsThrows() {
        assertRejects(() -> Scoring.score(null, answers(1))).hasMessage("instrument: must not be null");
        assertRejects(() -> Scoring.score(Instrument.NPRS, null)).hasMessage("NPRS itemAnswers: must not be null");
        assertRejects(() -> Scoring.score(Instrument.NPRS, answers((Integer) null)))
                .hasMessage("NPRS item 1: unanswered; the item is required");
    }

    @Test
    void shouldRejectUnknownSubscaleThrows() {
        assertRejects(() -> Scoring.score(Instrument.NPRS, answers(3)).subscale("PA"))
                .hasMessage("subscale: NPRS has no subscale 'PA' (has [])");
    }
}
