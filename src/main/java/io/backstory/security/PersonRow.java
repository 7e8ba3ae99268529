package io.backstory.security;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One account on the admin's people list. */
public record PersonRow(long id, String username, String displayName, @Nullable String email, Set<Role> roles,
                        AccountStatus status, @Nullable Instant lastSignInAt, boolean secondFactor, long version) {

    public PersonRow {
        roles = Set.copyOf(roles);
    }
}
