package io.backstory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The embedded H2 database of the run command gets the same schema from the same migrations as
 * PostgreSQL (which every other test in the suite runs against).
 */
class MigrationTests {

    private static final String H2_URL = "jdbc:h2:mem:migration;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Test
    void shouldMigrateTheEmbeddedDatabaseAndKeepTheAuditTrailAppendOnly() throws Exception {
        var result = Flyway.configure().dataSource(H2_URL, "sa", "")
                .locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(2);

        try (Connection c = DriverManager.getConnection(H2_URL, "sa", ""); Statement s = c.createStatement()) {
            s.execute("insert into audit_event (username, action, entity, entity_id) values ('x', 'READ', 'patient', '1')");
            assertThatThrownBy(() -> s.execute("update audit_event set action = 'UPDATE'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("delete from audit_event")).hasMessageContaining("append-only");
            s.execute("insert into clinic (name) values ('c')");
            assertThatThrownBy(() -> s.execute("insert into patient (clinic_id, first_name, last_name, date_of_birth, sex) "
                    + "values (1, 'a', 'b', date '1980-01-01', 'Q')")).hasMessageContaining("CONSTRAINT");
        }
    }
}
