package io.backstory.followups;

import io.backstory.base.UserFacingException;
import io.backstory.base.UserFacingException.Problem;
import io.backstory.followups.RecurrenceDecision.Outcome;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a check-in records a recurrence (Stanton et al. 2011, Eur Spine J 20:744): recovery first, i.e.
 * at least {@code painFreeDays} consecutive pain-free days, counted here from the discharge date up to the day
 * before onset; then low back pain of at least {@code minIntensity}/10 lasting at least {@code minDurationHours}.
 */
public final class RecurrenceRule {

    private RecurrenceRule() {
    }

    /**
     * The intensity and duration thresholds are checked before the pain-free gap: pain below them is not an episode
     * of low back pain (de Vet et al. 2002 require pain lasting more than 24 hours), so it neither counts as a
     * recurrence nor breaks the recovery.
     */
    public static RecurrenceDecision evaluate(RecurrenceDefinition definition, LocalDate dischargeDate,
                                              LocalDate checkInDate, CheckInAnswer answer) {
        require(definition, "definition");
        require(dischargeDate, "dischargeDate");
        require(checkInDate, "checkInDate");
        require(answer, "answer");
        if (checkInDate.isBefore(dischargeDate)) {
            throw new IllegalArgumentException("checkInDate: " + checkInDate + " is before the discharge date "
                    + dischargeDate);
        }
        if (!answer.reached()) {
            return new RecurrenceDecision(Outcome.NOT_REACHED, "recurrence.reason.notReached", checkInDate);
        }
        if (answer.painFreeSinceDischarge() == null) {
            throw new UserFacingException("error.rule.painFree");
        }
        if (answer.painFreeSinceDischarge()) {
            return new RecurrenceDecision(Outcome.NO_RECURRENCE, "recurrence.reason.painFree",
                    daysBetween(dischargeDate, checkInDate));
        }
        // Every missing or impossible answer at once, so the therapist fixes the dialog in one go.
        List<Problem> problems = new ArrayList<>();
        LocalDate onset = answer.onset();
        if (onset == null) {
            problems.add(new Problem("error.rule.onsetRequired"));
        } else if (onset.isBefore(dischargeDate)) {
            problems.add(new Problem("error.rule.onsetBefore", onset, dischargeDate));
        } else if (onset.isAfter(checkInDate)) {
            problems.add(new Problem("error.rule.onsetAfter", onset, checkInDate));
        }
        Integer intensity = answer.worstIntensity();
        if (intensity == null) {
            problems.add(new Problem("error.rule.intensityRequired"));
        } else if (intensity < 0 || intensity > 10) {
            problems.add(new Problem("error.rule.intensityRange", intensity));
        }
        if (answer.lastedMinimumDuration() == null) {
            problems.add(new Problem("error.rule.durationRequired"));
        }
        UserFacingException.throwIfAny(problems);

        long painFreeDays = daysBetween(dischargeDate, onset);
        if (intensity < definition.minIntensity()) {
            return new RecurrenceDecision(Outcome.NO_RECURRENCE, "recurrence.reason.belowIntensity", painFreeDays,
                    intensity, definition.minIntensity());
        }
        if (!answer.lastedMinimumDuration()) {
            return new RecurrenceDecision(Outcome.NO_RECURRENCE, "recurrence.reason.tooShort", painFreeDays,
                    definition.minDurationHours());
        }
        if (painFreeDays < definition.painFreeDays()) {
            return new RecurrenceDecision(Outcome.NOT_RECOVERED_BEFORE_RETURN, "recurrence.reason.notRecovered",
                    intensity, painFreeDays, definition.painFreeDays());
        }
        return new RecurrenceDecision(Outcome.RECURRENCE, "recurrence.reason.recurrence", intensity,
                definition.minDurationHours(), painFreeDays, definition.painFreeDays());
    }

    /**
     * A new episode of care for a discharged patient counts as a care-seeking recurrence when it opens at least
     * {@code painFreeDays} after discharge, the same recovery gap as {@link #evaluate}.
     */
    public static boolean isCareSeekingRecurrence(RecurrenceDefinition definition, LocalDate previousDischarge,
                                                  LocalDate newEpisodeStart) {
        require(definition, "definition");
        require(previousDischarge, "previousDischarge");
        require(newEpisodeStart, "newEpisodeStart");
        if (newEpisodeStart.isBefore(previousDischarge)) {
            throw new IllegalArgumentException("newEpisodeStart: " + newEpisodeStart
                    + " is before the previous discharge " + previousDischarge);
        }
        return daysBetween(previousDischarge, newEpisodeStart) >= definition.painFreeDays();
    }

    private static long daysBetween(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to);
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": must not be null");
        }
    }
}
