package io.backstory.followups;

/** Where a scheduled check-in stands; stored by name in {@code follow_up.status}. */
public enum FollowUpStatus {
    /** Scheduled, not yet answered. */
    PENDING,
    /** Answered by the patient's email reply or a staff call. */
    COMPLETED,
    /** Not answered in time. */
    MISSED
}
