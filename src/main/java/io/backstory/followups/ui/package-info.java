/**
 * The follow-ups-due worklist and the check-in outbox pages.
 * Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.backstory.followups.ui;

import org.jspecify.annotations.NullMarked;
