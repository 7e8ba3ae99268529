package io.backstory.security;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * Makes the embedded H2 database refuse UPDATE and DELETE on audit_event, like the PostgreSQL
 * trigger does, so the demo behaves as production. Referenced by name from db/vendor/h2/V2.
 */
public class AuditAppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("audit_event is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " is not allowed");
    }
}
