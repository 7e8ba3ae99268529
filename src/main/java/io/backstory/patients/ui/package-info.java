/**
 * The patient list and the patient form: pages over the patients module's service.
 * Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.backstory.patients.ui;

import org.jspecify.annotations.NullMarked;
