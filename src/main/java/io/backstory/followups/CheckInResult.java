package io.backstory.followups;

/** What recording a check-in decided, and whether it added a recurrence (false when one was already recorded). */
public record CheckInResult(FollowUpSummary followUp, RecurrenceDecision decision, boolean recurrenceRecorded) {
}
