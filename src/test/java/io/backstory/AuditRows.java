package io.backstory;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit rows a step of a test writes: {@link #from} marks the trail's end before the step, {@link #written} and
 * {@link #actions} read what came after it ("READ episode 12": action, entity, entity id).
 */
public final class AuditRows {

    private final JdbcClient jdbc;
    private final long after;

    private AuditRows(JdbcClient jdbc, long after) {
        this.jdbc = jdbc;
        this.after = after;
    }

    public static AuditRows from(JdbcClient jdbc) {
        return new AuditRows(jdbc, jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single());
    }

    public List<String> written() {
        return jdbc.sql("select action || ' ' || entity || ' ' || entity_id from audit_event where id > ? order by id")
                .param(after).query(String.class).list();
    }

    public List<String> actions() {
        return jdbc.sql("select action from audit_event where id > ? order by id").param(after).query(String.class).list();
    }
}
