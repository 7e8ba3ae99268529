package io.backstory.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The embedded H2 database, migrated as the demo migrates it, keeps the audit trail append-only like
 * PostgreSQL: UPDATE and DELETE by the Java trigger, TRUNCATE and DROP by the guard table's foreign key
 * (H2 triggers cannot see TRUNCATE). Issue 9 item 7.
 */
class EmbeddedAuditTrailTest {

    private static final String URL = "jdbc:h2:mem:audit-guard;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Test
    void shouldRefuseTruncateUpdateDeleteAndDropOfTheAuditTrailOnH2() throws Exception {
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration", "classpath:db/vendor/h2")
                .load().migrate();
        try (Connection c = DriverManager.getConnection(URL, "sa", ""); Statement s = c.createStatement()) {
            s.executeUpdate("insert into audit_event (username, action, entity, entity_id) values ('h2-test', 'READ', 'patient', '1')");

            assertThatThrownBy(() -> s.execute("truncate table audit_event")).hasMessageContaining("Cannot truncate");
            assertThatThrownBy(() -> s.execute("update audit_event set action = 'LOGIN'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("delete from audit_event")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("drop table audit_event")).hasMessageContaining("depends on it");

            var rows = s.executeQuery("select count(*) from audit_event");
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(1);
        }
    }
}
