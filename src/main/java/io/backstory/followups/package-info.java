/**
 * Post-discharge check-ins (by email link or staff call), the recurrence rule and recurrence events (DESIGN §9).
 * Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.backstory.followups;

import org.jspecify.annotations.NullMarked;
