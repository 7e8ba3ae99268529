package io.backstory.security;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What an admin enters to add a colleague; the colleague chooses their own password later. */
public record NewAccountCommand(String username, String displayName, @Nullable String email, Set<Role> roles) {
}
