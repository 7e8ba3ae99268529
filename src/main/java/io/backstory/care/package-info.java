/**
 * Care: the therapist's episode workflow as pages that compose several modules (DESIGN §2, §5): the patient page
 * with the intake, the episode page (plan strip, measures, nudges, discharge, follow-ups), logging and editing a
 * visit. It owns no tables; it calls the public APIs of patients, visits, measures, followups and clinic, and no
 * module depends on it (ModularityTest), so the feature modules stay independent of the pages that combine them.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Care")
package io.backstory.care;

import org.jspecify.annotations.NullMarked;
