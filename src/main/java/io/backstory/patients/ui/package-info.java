/**
 * The patient list and the patient form: pages over the patients module's service. The form is a named interface
 * because the patient page (care module) edits a patient's details with the same form and rules that created them.
 * Types are non-null unless marked {@code @Nullable}.
 */
@org.springframework.modulith.NamedInterface("ui")
@NullMarked
package io.backstory.patients.ui;

import org.jspecify.annotations.NullMarked;
