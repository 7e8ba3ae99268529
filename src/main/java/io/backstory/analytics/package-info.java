/**
 * The analysis engine (DESIGN §4): pure Java on commons-math3, no Spring, Vaadin or JPA, so every
 * figure in the recurrence report can be unit-tested against R and benchmarked on its own.
 * Its enums (sex, chronicity, STarT Back risk) are also the clinical vocabulary of the other modules.
 * Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.backstory.analytics;

import org.jspecify.annotations.NullMarked;
