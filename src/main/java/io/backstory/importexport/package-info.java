/**
 * Interoperability (DESIGN §10): the FHIR R4 bulk export of a clinic's records and the CSV import of a
 * clinic's history from its EMR. Admins and owners only; every export and import is audited. Both move
 * whole clinics, so they read and write with set-based, streamed SQL rather than entity by entity.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Import and export")
package io.backstory.importexport;

import org.jspecify.annotations.NullMarked;
