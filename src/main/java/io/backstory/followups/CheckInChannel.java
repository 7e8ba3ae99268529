package io.backstory.followups;

/** How a check-in was answered (DESIGN §9): by the patient through an emailed link, or on a staff call. */
public enum CheckInChannel {
    EMAIL, CALL
}
