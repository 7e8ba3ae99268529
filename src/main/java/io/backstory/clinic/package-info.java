/** Clinics, their locations and settings (recurrence definition, follow-up schedule, horizon). */
@NullMarked
package io.backstory.clinic;

import org.jspecify.annotations.NullMarked;
