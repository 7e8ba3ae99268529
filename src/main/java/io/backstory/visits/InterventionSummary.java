package io.backstory.visits;

import org.jspecify.annotations.Nullable;

/** A catalogue entry; {@code factor} is null for passive care, which addresses none of the five. */
public record InterventionSummary(long id, String code, String name, @Nullable Factor factor) {
}
