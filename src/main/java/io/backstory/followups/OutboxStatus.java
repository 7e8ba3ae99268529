package io.backstory.followups;

/** Where a check-in message stands in the outbox. */
public enum OutboxStatus {
    /** Waiting for its first or next attempt. */
    PENDING,
    /** Handed to the SMTP server; its body and link are cleared. */
    SENT,
    /** Demo mode (no SMTP server configured): kept, with its link, for the Outbox view; nothing leaves the machine. */
    HELD,
    /** Every attempt failed; an admin sees it in the Outbox view and the check-in goes back to the staff worklist. */
    FAILED,
    /** Not sent and never will be: the patient opted out, or the check-in was completed, before it went (the reason is in last_error). */
    CANCELED
}
