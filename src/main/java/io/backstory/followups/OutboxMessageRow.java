package io.backstory.followups;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One line of the admin Outbox view. The link is shown only while the message is held (demo mode) or pending. */
public record OutboxMessageRow(long id, long followUpId, String kind, String recipient, OutboxStatus status, int attempts,
                               Instant createdAt, @Nullable Instant sentAt, Instant nextAttemptAt,
                               @Nullable String lastError, @Nullable String link) {
}
