/**
 * The analysis engine (DESIGN §4): pure Java on commons-math3, no Spring, Vaadin or JPA, so every
 * figure in the recurrence report can be unit-tested against R and benchmarked on its own.
 * Its enums (sex, chronicity, STarT Back risk) are also the clinical vocabulary of the other modules.
 */
package io.backstory.analytics;
