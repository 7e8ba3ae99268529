package io.backstory.security;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One row of the audit trail as the admin's audit log shows it: who, what, which record, when, from where. */
public record AuditEntry(long id, Instant occurredAt, String username, String action, String entity,
                         @Nullable String entityId, @Nullable String clientAddress, @Nullable String detail) {
}
