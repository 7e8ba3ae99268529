/**
 * The owner's recurrence report: builds the analysis dataset (DESIGN §4) from the database with
 * set-based SQL, runs the analytics engine, caches the result per clinic, filter and data version,
 * and renders it as views, PDF, CSV and JSON. Owners and admins only; every read and export is audited.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Reports")
package io.backstory.reports;

import org.jspecify.annotations.NullMarked;
