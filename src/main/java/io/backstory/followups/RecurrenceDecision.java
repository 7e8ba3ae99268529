package io.backstory.followups;

/** The outcome of one check-in under a {@link RecurrenceDefinition}, with an English reason quoting the figures. */
public record RecurrenceDecision(Outcome outcome, String reason) {

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
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: must not be blank");
        }
    }
}
