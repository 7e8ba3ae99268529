package io.backstory.followups;

import io.backstory.base.UserFacingException.Problem;
import java.util.Locale;

/**
 * The outcome of one check-in under a {@link RecurrenceDefinition}, with a reason quoting the figures. The reason is a
 * translations key and its arguments, not English text: the worklist shows it to the user in their language.
 */
public record RecurrenceDecision(Outcome outcome, Problem why) {

    public enum Outcome {
        /** Recovered (pain-free gap reached), then back pain at or above the intensity and duration thresholds. */
        RECURRENCE,
        /** Pain-free since discharge, or the pain that came back was below the intensity or duration threshold. */
        NO_RECURRENCE,
        /** Qualifying pain returned before the pain-free gap: the patient never recovered, so by Stanton 2011 it is not a recurrence. */
        NOT_RECOVERED_BEFORE_RETURN,
        /** The patient could not be reached; the follow-up stays open. */
        NOT_REACHED
    }

    public RecurrenceDecision {
        if (outcome == null) {
            throw new IllegalArgumentException("outcome: must not be null");
        }
        if (why == null) {
            throw new IllegalArgumentException("why: must not be null");
        }
    }

    RecurrenceDecision(Outcome outcome, String key, Object... args) {
        this(outcome, new Problem(key, args));
    }

    /** The reason in English with ISO dates, as logs and tests read it. */
    public String reason() {
        return why.toString();
    }

    /** The reason in the user's language, dates and numbers in its formats. */
    public String reason(Locale locale) {
        return why.in(locale);
    }
}
