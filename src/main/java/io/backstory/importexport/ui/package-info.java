/**
 * The import page: upload a clinic's history, map columns and codes, follow the job.
 * Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.backstory.importexport.ui;

import org.jspecify.annotations.NullMarked;
