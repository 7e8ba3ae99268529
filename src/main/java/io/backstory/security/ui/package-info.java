/**
 * Sign-in, second-factor enrolment, the account page, people administration and the audit log.
 * Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.backstory.security.ui;

import org.jspecify.annotations.NullMarked;
