package io.backstory.followups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.followups.RecurrenceDecision.Outcome;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stanton et al. 2011 (Eur Spine J 20:744): recovery = 30 pain-free days, then pain >= 2/10 lasting >= 24 h. */
class RecurrenceRuleTest {

    private static final RecurrenceDefinition STANTON = RecurrenceDefinition.defaults();
    private static final LocalDate DISCHARGE = LocalDate.of(2026, 1, 10);
    private static final LocalDate CHECK_IN = DISCHARGE.plusDays(90);

    private static RecurrenceDecision evaluate(int onsetDay, int intensity, boolean lasted) {
        return RecurrenceRule.evaluate(STANTON, DISCHARGE, CHECK_IN,
                CheckInAnswer.painReturned(DISCHARGE.plusDays(onsetDay), intensity, lasted, true, false));
    }

    @Test
    void shouldUseStantonThresholdsWhenDefaults() {
        assertThat(STANTON).isEqualTo(new RecurrenceDefinition(30, 2, 24));
    }

    @Test
    void shouldReportRecurrenceWhenPainReturnsAfterRecovery() {
        RecurrenceDecision decision = evaluate(45, 6, true);
        assertThat(decision.outcome()).isEqualTo(Outcome.RECURRENCE);
        assertThat(decision.reason())
                .isEqualTo("Back pain (6/10, at least 24 hours) returned after 45 pain-free days (recovery needs 30): a recurrence.");
    }

    @ParameterizedTest
    @CsvSource({
            "30, 2, true, RECURRENCE",                   // exactly 30 pain-free days, intensity exactly 2
            "29, 6, true, NOT_RECOVERED_BEFORE_RETURN",  // one day short of recovery
            "0, 8, true, NOT_RECOVERED_BEFORE_RETURN",   // pain on the discharge day
            "30, 1, true, NO_RECURRENCE",                // below the intensity threshold
            "45, 0, true, NO_RECURRENCE",
            "45, 9, false, NO_RECURRENCE",               // lasted less than 24 hours
            "10, 1, false, NO_RECURRENCE",               // sub-threshold pain does not break recovery
            "90, 2, true, RECURRENCE"})                  // onset on the check-in day
    void shouldDecideAtTheBoundariesOfTheDefinition(int onsetDay, int intensity, boolean lasted, Outcome expected) {
        assertThat(evaluate(onsetDay, intensity, lasted).outcome()).isEqualTo(expected);
    }

    @Test
    void shouldExplainNotRecoveredWhenPainReturnsEarly() {
        assertThat(evaluate(29, 6, true).reason())
                .isEqualTo("Back pain (6/10) returned after 29 pain-free days, before the 30 needed for recovery: not a recurrence.");
    }

    @Test
    void shouldExplainBelowThresholdWhenPainIsMildOrShort() {
        assertThat(evaluate(40, 1, true).reason())
                .isEqualTo("Back pain returned 40 days after discharge at 1/10, below the 2/10 threshold.");
        assertThat(evaluate(40, 5, false).reason())
                .isEqualTo("Back pain returned 40 days after discharge but lasted less than 24 hours.");
    }

    @Test
    void shouldApplyConfiguredThresholdsWhenClinicChangesThem() {
        RecurrenceDefinition strict = new RecurrenceDefinition(60, 3, 48);
        LocalDate onset = DISCHARGE.plusDays(45);
        CheckInAnswer answer = CheckInAnswer.painReturned(onset, 3, true, null, null);
        assertThat(RecurrenceRule.evaluate(strict, DISCHARGE, CHECK_IN, answer).outcome())
                .isEqualTo(Outcome.NOT_RECOVERED_BEFORE_RETURN);
        assertThat(RecurrenceRule.evaluate(new RecurrenceDefinition(45, 3, 48), DISCHARGE, CHECK_IN, answer).outcome())
                .isEqualTo(Outcome.RECURRENCE);
        assertThat(RecurrenceRule.evaluate(new RecurrenceDefinition(45, 4, 48), DISCHARGE, CHECK_IN, answer).outcome())
                .isEqualTo(Outcome.NO_RECURRENCE);
    }

    @Test
    void shouldReportNoRecurrenceWhenPainFreeSinceDischarge() {
        RecurrenceDecision decision = RecurrenceRule.evaluate(STANTON, DISCHARGE, CHECK_IN, CheckInAnswer.painFree());
        assertThat(decision.outcome()).isEqualTo(Outcome.NO_RECURRENCE);
        assertThat(decision.reason()).isEqualTo("No back pain since discharge (90 days).");
    }

    @Test
    void shouldReportNotReachedAndIgnoreOtherFieldsWhenPatientNotReached() {
        assertThat(RecurrenceRule.evaluate(STANTON, DISCHARGE, CHECK_IN, CheckInAnswer.notReached()).outcome())
                .isEqualTo(Outcome.NOT_REACHED);
        CheckInAnswer leftover = new CheckInAnswer(false, false, null, 42, null, null, null);
        assertThat(RecurrenceRule.evaluate(STANTON, DISCHARGE, CHECK_IN, leftover).outcome())
                .isEqualTo(Outcome.NOT_REACHED);
    }

    @Test
    void shouldRejectOnsetBeforeDischargeThrows() {
        assertThatThrownBy(() -> evaluate(-1, 5, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("onset: 2026-01-09 is before the discharge date 2026-01-10");
    }

    @Test
    void shouldRejectOnsetAfterCheckInThrows() {
        assertThatThrownBy(() -> evaluate(91, 5, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("onset: 2026-04-11 is after the check-in date 2026-04-10");
    }

    @ParameterizedTest
    @CsvSource({"-1", "11"})
    void shouldRejectIntensityOutsideZeroToTenThrows(int intensity) {
        assertThatThrownBy(() -> evaluate(40, intensity, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("worstIntensity: " + intensity + " is outside 0–10");
    }

    @Test
    void shouldRejectMissingAnswersWhenPainReturnedThrows() {
        LocalDate onset = DISCHARGE.plusDays(40);
        assertRefused(new CheckInAnswer(true, false, null, 5, true, null, null), "onset: required when back pain returned");
        assertRefused(new CheckInAnswer(true, false, onset, null, true, null, null), "worstIntensity: required when back pain returned");
        assertRefused(new CheckInAnswer(true, false, onset, 5, null, null, null), "lastedMinimumDuration: required when back pain returned");
        assertRefused(new CheckInAnswer(true, null, null, null, null, null, null),
                "painFreeSinceDischarge: required when the patient was reached");
    }

    private static void assertRefused(CheckInAnswer answer, String message) {
        assertThatThrownBy(() -> RecurrenceRule.evaluate(STANTON, DISCHARGE, CHECK_IN, answer))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void shouldRejectCheckInBeforeDischargeThrows() {
        assertThatThrownBy(() -> RecurrenceRule.evaluate(STANTON, DISCHARGE, DISCHARGE.minusDays(1), CheckInAnswer.painFree()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkInDate: 2026-01-09 is before the discharge date 2026-01-10");
        assertThatThrownBy(() -> RecurrenceRule.evaluate(null, DISCHARGE, CHECK_IN, CheckInAnswer.painFree()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("definition: must not be null");
    }

    @ParameterizedTest
    @CsvSource({"30, true", "29, false", "0, false", "400, true"})
    void shouldCountCareSeekingRecurrenceOnlyAfterThePainFreeGap(int daysAfterDischarge, boolean expected) {
        assertThat(RecurrenceRule.isCareSeekingRecurrence(STANTON, DISCHARGE, DISCHARGE.plusDays(daysAfterDischarge)))
                .isEqualTo(expected);
    }

    @Test
    void shouldRejectNewEpisodeBeforeDischargeThrows() {
        assertThatThrownBy(() -> RecurrenceRule.isCareSeekingRecurrence(STANTON, DISCHARGE, DISCHARGE.minusDays(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("newEpisodeStart: 2026-01-07 is before the previous discharge 2026-01-10");
    }

    @ParameterizedTest
    @CsvSource({
            "0, 2, 24, painFreeDays: 0 must be at least 1",
            "30, 0, 24, minIntensity: 0 must be between 1 and 10",
            "30, 11, 24, minIntensity: 11 must be between 1 and 10",
            "30, 2, 0, minDurationHours: 0 must be at least 1"})
    void shouldRejectInvalidDefinitionThrows(int days, int intensity, int hours, String message) {
        assertThatThrownBy(() -> new RecurrenceDefinition(days, intensity, hours))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
