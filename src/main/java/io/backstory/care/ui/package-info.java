/**
 * The care pages: the patient page, the episode page, logging and editing a visit, the coverage strip.
 * Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.backstory.care.ui;

import org.jspecify.annotations.NullMarked;
