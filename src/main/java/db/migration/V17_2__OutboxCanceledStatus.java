package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Issue 12: an outbox message can be CANCELED (the patient opted out, or the check-in was completed, before it was
 * sent). The status check of V12_1 was declared inline, so its name differs between PostgreSQL
 * ({@code outbox_message_status_check}) and H2 ({@code CONSTRAINT_xx}): it is found in the catalogue by its
 * clause and replaced by a named one.
 */
public class V17_2__OutboxCanceledStatus extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        List<String> old = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select tc.constraint_name
                  from information_schema.table_constraints tc
                  join information_schema.check_constraints cc
                    on cc.constraint_schema = tc.constraint_schema and cc.constraint_name = tc.constraint_name
                 where tc.table_schema = current_schema() and lower(tc.table_name) = 'outbox_message'
                   and tc.constraint_type = 'CHECK' and upper(cc.check_clause) like '%''HELD''%'""")) {
            while (rs.next()) {
                old.add(rs.getString(1));
            }
        }
        if (old.size() != 1) {
            throw new IllegalStateException("Expected one status check on outbox_message, found " + old);
        }
        try (Statement s = c.createStatement()) {
            s.execute("alter table outbox_message drop constraint \"" + old.getFirst().replace("\"", "") + "\"");
            s.execute("alter table outbox_message add constraint ck_outbox_message_status "
                    + "check (status in ('PENDING', 'SENT', 'HELD', 'FAILED', 'CANCELED'))");
        }
    }
}
