package io.backstory.followups;

/** Which message of a check-in an outbox row is; stored by name in {@code outbox_message.kind}, one of each per check-in. */
enum OutboxKind {
    /** The first email, when the check-in falls due. */
    INVITATION,
    /** The first reminder, if the invitation went unanswered. */
    REMINDER_1,
    /** The second reminder, only after the first. */
    REMINDER_2
}
