package io.backstory.security;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** The audit log's filters; null means "any". Dates are whole days in the clinic's time zone, both inclusive. */
public record AuditFilter(@Nullable String username, @Nullable Long patientId, AuditLog.@Nullable Action action,
                          @Nullable LocalDate from, @Nullable LocalDate to) {

    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null);
    }

    /** How the filter reads in the audit row that records its use. */
    String describe() {
        StringBuilder s = new StringBuilder();
        if (username != null) s.append("person=").append(username).append(' ');
        if (patientId != null) s.append("patient=").append(patientId).append(' ');
        if (action != null) s.append("action=").append(action).append(' ');
        if (from != null) s.append("from=").append(from).append(' ');
        if (to != null) s.append("to=").append(to).append(' ');
        return s.isEmpty() ? "all" : s.toString().strip();
    }
}
