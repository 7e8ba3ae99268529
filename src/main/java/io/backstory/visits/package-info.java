/**
 * Visits: the factors addressed at each visit, the intervention catalogue and the plan-balance nudges (DESIGN §5).
 * Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.backstory.visits;

import org.jspecify.annotations.NullMarked;
