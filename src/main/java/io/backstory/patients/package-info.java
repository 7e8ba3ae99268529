/** Patients and their episodes of care (DESIGN §2: episode of care, chronicity, prior episodes). */
@NullMarked
package io.backstory.patients;

import org.jspecify.annotations.NullMarked;
