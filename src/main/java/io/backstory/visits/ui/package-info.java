/**
 * The visit pages: log and edit a visit, the coverage strip.
 * Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.backstory.visits.ui;

import org.jspecify.annotations.NullMarked;
