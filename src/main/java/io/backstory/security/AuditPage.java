package io.backstory.security;

import java.util.List;

/** One page of the audit log and how many rows the filter matches in all. */
public record AuditPage(List<AuditEntry> entries, long total, int offset, int limit) {

    public AuditPage {
        entries = List.copyOf(entries);
    }
}
