/**
 * Outcome instruments (NPRS, ODI, FABQ-PA, TSK-11, STarT Back): pure scoring functions and the recorded measures.
 * Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.backstory.measures;

import org.jspecify.annotations.NullMarked;
