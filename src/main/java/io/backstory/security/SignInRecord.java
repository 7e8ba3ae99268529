package io.backstory.security;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One sign-in attempt on the own-account page: when, how it ended, from which address. */
public record SignInRecord(Instant at, AuditLog.Action outcome, @Nullable String clientAddress) {
}
