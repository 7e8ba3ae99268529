package io.backstory.importexport;

import io.backstory.security.AuditLog;
import io.backstory.security.CurrentUser;
import io.backstory.security.Role;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the whole-clinic exports (FHIR NDJSON, import-format CSV) share: only admins and owners may take one,
 * each is audited before any row is read, and rows stream through a cursor so a clinic of millions of visits
 * never sits in memory.
 */
@Component
class ClinicExports {

    /** Rows fetched per round trip; PostgreSQL only streams with a fetch size inside a transaction. */
    private static final int FETCH_SIZE = 1_000;

    private final JdbcTemplate streaming;
    private final CurrentUser currentUser;
    private final AuditLog auditLog;

    ClinicExports(DataSource dataSource, CurrentUser currentUser, AuditLog auditLog) {
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH_SIZE);
        this.currentUser = currentUser;
        this.auditLog = auditLog;
    }

    /** A JdbcTemplate that fetches {@value #FETCH_SIZE} rows at a time (streams inside the caller's transaction). */
    JdbcTemplate streaming() {
        return streaming;
    }

    /**
     * The caller's clinic, once they may export it (admins and owners), with the export audited. Call it inside
     * the export's transaction, first: one transaction then holds the audit row and the cursors.
     */
    long start(String entity, String detail) {
        long clinicId = currentUser.requireAnyRole(Role.ADMIN, Role.OWNER).clinicId();
        auditLog.record(AuditLog.Action.EXPORT, entity, clinicId, detail);
        return clinicId;
    }
}
