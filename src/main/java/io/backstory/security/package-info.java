/**
 * Who is using Backstory and what they may see: accounts and roles, login with throttling and
 * lockout, the current user, and the append-only audit trail of patient-data access.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package io.backstory.security;

import org.jspecify.annotations.NullMarked;
