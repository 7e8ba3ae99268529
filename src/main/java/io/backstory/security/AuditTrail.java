package io.backstory.security;

import io.backstory.base.UserFacingException.Problem;
import io.backstory.base.UserFacingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin's view of the audit trail (DESIGN §8): searchable by person, patient, action and date,
 * paged, exportable as CSV. Looking at it is itself audited (a READ or EXPORT row naming the filter),
 * and an admin only ever sees their own clinic's rows.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class AuditTrail {

    public static final int PAGE_SIZE = 50;
    /** An export is for an auditor's question, not a backup: a filter that matches more is asked to narrow down. */
    public static final int MAX_EXPORT_ROWS = 100_000;
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final AuditLog auditLog;
    private final ObjectProvider<PatientAuditScope> patientScopes;
    private final Clock clock;

    @Transactional
    public AuditPage search(AuditFilter filter, int offset) {
        long clinicId = currentUser.requireAnyRole(Role.ADMIN).clinicId();
        Where where = where(clinicId, filter);
        long total = count(where);
        int start = Math.max(0, offset);
        List<Object> params = new ArrayList<>(where.params());
        params.add(PAGE_SIZE);
        params.add(start);
        List<AuditEntry> entries = jdbc.sql("select " + COLUMNS + " from audit_event where " + where.sql()
                        + " order by occurred_at desc, id desc limit ? offset ?")
                .params(params).query(ROW).list();
        auditLog.record(AuditLog.Action.READ, "audit_event", "rows " + (start + 1) + "-" + (start + entries.size()), filter.describe());
        return new AuditPage(entries, total, start, PAGE_SIZE);
    }

    /** Writes the matching rows as CSV, newest first; cells that a spreadsheet would run as a formula are defused. */
    @Transactional
    public int exportCsv(AuditFilter filter, Writer out) {
        long clinicId = currentUser.requireAnyRole(Role.ADMIN).clinicId();
        Where where = where(clinicId, filter);
        long total = count(where);
        if (total > MAX_EXPORT_ROWS) {
            throw new UserFacingException("error.audit.export", total, MAX_EXPORT_ROWS);
        }
        auditLog.record(AuditLog.Action.EXPORT, "audit_event", total + " rows", filter.describe());
        ZoneId zone = clock.getZone();
        int[] written = {0};
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader("occurred_at", "person", "action", "entity", "entity_id", "client_address", "detail").get())) {
            jdbc.sql("select " + COLUMNS + " from audit_event where " + where.sql() + " order by occurred_at desc, id desc")
                    .params(where.params()).query(ROW).stream().forEach(e -> {
                        try {
                            csv.printRecord(CSV_TIME.format(e.occurredAt().atZone(zone)), safe(e.username()), safe(e.action()),
                                    safe(e.entity()), safe(e.entityId()), safe(e.clientAddress()), safe(e.detail()));
                            written[0]++;
                        } catch (IOException io) {
                            throw new UncheckedIOException(io);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written[0];
    }

    /**
     * CSV injection (OWASP): a cell starting with = + - @ or a tab or carriage return is run as a formula
     * by spreadsheets; a leading apostrophe makes it text.
     */
    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
    }

    private static final String COLUMNS = "id, occurred_at, username, action, entity, entity_id, client_address, detail";

    private static final RowMapper<AuditEntry> ROW = (rs, n) -> new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));

    private record Where(String sql, List<Object> params) {
    }

    private long count(Where where) {
        return jdbc.sql("select count(*) from audit_event where " + where.sql()).params(where.params()).query(Long.class).single();
    }

    private Where where(long clinicId, AuditFilter f) {
        List<Problem> problems = new ArrayList<>();
        if (f.from() != null && f.to() != null && f.to().isBefore(f.from())) {
            problems.add(new Problem("error.audit.to"));
        }
        if (f.patientId() != null && f.patientId() <= 0) {
            problems.add(new Problem("error.audit.patient"));
        }
        if (!problems.isEmpty()) {
            throw new UserFacingException(problems);
        }
        StringBuilder sql = new StringBuilder("clinic_id = ?");
        List<Object> params = new ArrayList<>(List.of(clinicId));
        if (f.username() != null && !f.username().isBlank()) {
            sql.append(" and username = ?");
            params.add(f.username().strip());
        }
        if (f.action() != null) {
            sql.append(" and action = ?");
            params.add(f.action().name());
        }
        ZoneId zone = clock.getZone();
        if (f.from() != null) {
            sql.append(" and occurred_at >= ?");
            params.add(Timestamp.from(f.from().atStartOfDay(zone).toInstant()));
        }
        if (f.to() != null) {
            sql.append(" and occurred_at < ?");
            params.add(Timestamp.from(f.to().plusDays(1).atStartOfDay(zone).toInstant()));
        }
        if (f.patientId() != null) {
            // The patient's own rows, and every row about one of their episodes (visits, measures, check-ins
            // are recorded against "episode:<id>"); rows about a single visit id are not matched.
            String id = String.valueOf(f.patientId());
            List<String> refs = new ArrayList<>(List.of("patient:" + id));
            List<Long> episodes = new ArrayList<>();
            patientScopes.forEach(scope -> episodes.addAll(scope.episodeIds(clinicId, f.patientId())));
            episodes.forEach(e -> refs.add("episode:" + e));
            sql.append(" and ((entity = 'patient' and entity_id = ?) or entity_id in (")
                    .append(String.join(", ", refs.stream().map(r -> "?").toList())).append(")");
            params.add(id);
            params.addAll(refs);
            if (!episodes.isEmpty()) {
                sql.append(" or (entity = 'episode' and entity_id in (")
                        .append(String.join(", ", episodes.stream().map(r -> "?").toList())).append("))");
                episodes.forEach(e -> params.add(String.valueOf(e)));
            }
            // lists and worklists that showed the patient (LIST rows name the ids in the detail)
            sql.append(" or (action = 'LIST' and ',' || replace(detail, ?, '') || ',' like ?)");
            params.add(AuditLog.LIST_PREFIX);
            params.add("%," + id + ",%");
            sql.append(")");
        }
        return new Where(sql.toString(), params);
    }
}
