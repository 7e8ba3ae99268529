/**
 * The clinic's home page, getting-started checklist, overview and settings pages.
 * Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.backstory.clinic.ui;

import org.jspecify.annotations.NullMarked;
