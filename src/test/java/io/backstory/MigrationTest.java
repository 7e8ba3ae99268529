package io.backstory;

import static io.backstory.TestDatabaseConfig.PASSWORD;
import static io.backstory.TestDatabaseConfig.URL;
import static io.backstory.TestDatabaseConfig.USER;
import static io.backstory.TestDatabaseConfig.urlInSchema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The embedded H2 database of the run command gets the same schema from the same migrations as
 * PostgreSQL (which every other test in the suite runs against).
 */
class MigrationTest {

    private static final String H2_URL = "jdbc:h2:mem:migration;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    private static final String H2_REKEY_URL = "jdbc:h2:mem:rekey;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    private static final MigrationVersion TENANT_KEYS = MigrationVersion.fromVersion("14.1");

    /**
     * Versions that have landed on main, and so may already be applied to a clinic's database. Flyway refuses to start
     * on such a database when a new migration is numbered below its latest applied version ("resolved migration not
     * applied"), so each new migration must be numbered above all of these. Add the new versions here when they land.
     */
    private static final List<String> RELEASED = List.of("1", "2", "3", "4", "7", "8", "8.1", "8.2", "9.5", "9.6",
            "12.1", "12.2", "13.1", "14.1", "16.1", "17.1", "17.2", "17.3", "18.1", "18.13", "19.1");

    @Test
    void shouldNumberEveryNewMigrationAboveTheReleasedOnes() {
        MigrationVersion lastReleased = RELEASED.stream().map(MigrationVersion::fromVersion).max(Comparator.naturalOrder()).orElseThrow();
        for (String vendor : List.of("h2", "postgresql")) {
            MigrationInfo[] all = Flyway.configure().dataSource("jdbc:h2:mem:numbering_" + vendor, "sa", "")
                    .locations("classpath:db/migration", "classpath:db/vendor/" + vendor).load().info().all();
            List<String> tooLow = Arrays.stream(all)
                    .filter(m -> !RELEASED.contains(m.getVersion().getVersion()) && m.getVersion().compareTo(lastReleased) <= 0)
                    .map(m -> "V" + m.getVersion() + " " + m.getDescription()).toList();
            assertThat(tooLow).as("new %s migrations must be numbered above V%s", vendor, lastReleased).isEmpty();
        }
    }

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

    @Test
    void shouldGiveAnExistingEmbeddedDatabaseTheTenantKeysWithItsData() throws Exception {
        FluentConfiguration flyway = Flyway.configure().dataSource(H2_REKEY_URL, "sa", "")
                .locations("classpath:db/migration", "classpath:db/vendor/h2");
        flyway.target(beforeTenantKeys(flyway)).load().migrate();
        try (Connection c = DriverManager.getConnection(H2_REKEY_URL, "sa", ""); Statement s = c.createStatement()) {
            existingData(s);
            // a table that points at the audit trail by id alone (H2's truncate guard does): it joins the tenant
            s.execute("create table audit_probe (audit_event_id bigint primary key references audit_event (id))");
        }
        assertThat(flyway.target("latest").load().migrate().success).isTrue();

        try (Connection c = DriverManager.getConnection(H2_REKEY_URL, "sa", ""); Statement s = c.createStatement()) {
            assertRekeyed(c, s);
            assertThat(primaryKey(c, "audit_probe")).containsExactly("clinic_id", "audit_event_id");
        }
    }

    @Test
    void shouldGiveAnExistingPostgresDatabaseTheTenantKeysWithItsData() throws Exception {
        FluentConfiguration flyway = Flyway.configure().dataSource(URL, USER, PASSWORD).schemas("migration_rekey")
                .cleanDisabled(false).locations("classpath:db/migration", "classpath:db/vendor/postgresql");
        flyway.load().clean();
        flyway.target(beforeTenantKeys(flyway)).load().migrate();
        String url = urlInSchema("migration_rekey");
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement()) {
            existingData(s);
        }
        assertThat(flyway.target("latest").load().migrate().success).isTrue();

        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement()) {
            assertRekeyed(c, s);
        } finally {
            flyway.load().clean();
        }
    }

    /** The last migration before issue 14's tenant keys (V14_1), whichever other branches' migrations are merged. */
    private static MigrationVersion beforeTenantKeys(FluentConfiguration flyway) {
        return Arrays.stream(flyway.load().info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v != null && v.compareTo(TENANT_KEYS) < 0).max(Comparator.naturalOrder()).orElseThrow();
    }

    private static void existingData(Statement s) throws SQLException {
        s.execute("insert into clinic (id, name) values (7, 'c')");
        s.execute("insert into location (id, clinic_id, name) values (70, 7, 'Main')");
        s.execute("insert into user_account (id, clinic_id, username, display_name, password_hash) values (71, 7, 'u7', 'U', 'x')");
        s.execute("insert into patient (id, clinic_id, first_name, last_name, date_of_birth, sex) values (72, 7, 'a', 'b', date '1980-01-01', 'F')");
        s.execute("insert into episode (id, clinic_id, patient_id, therapist_id, location_id, start_date, chronicity) "
                + "values (73, 7, 72, 71, 70, date '2026-01-05', 'ACUTE')");
        s.execute("insert into visit (id, clinic_id, episode_id, visit_date, therapist_id, minutes) values (74, 7, 73, date '2026-01-06', 71, 45)");
        s.execute("insert into visit (id, clinic_id, episode_id, visit_date, therapist_id, minutes) values (75, 7, 73, date '2026-01-13', 71, 45)");
        s.execute("insert into visit_factor (visit_id, clinic_id, factor) values (74, 7, 'MOVEMENT'), (74, 7, 'BELIEFS')");
        s.execute("insert into audit_event (clinic_id, username, action, entity, entity_id) values (null, 'nobody', 'LOGIN_FAILED', 'user_account', 'nobody')");
        s.execute("insert into audit_event (clinic_id, username, action, entity, entity_id) values (7, 'u7', 'READ', 'patient', '72')");
    }

    private static void assertRekeyed(Connection c, Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select clinic_id, count(*) from audit_event group by clinic_id order by clinic_id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getLong(1) + ":" + rs.getLong(2));
            }
            assertThat(rows).containsExactly("0:1", "7:1");
        }
        assertThatThrownBy(() -> s.execute("update audit_event set action = 'UPDATE'")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> s.execute("delete from audit_event")).hasMessageContaining("append-only");
        for (String table : List.of("patient", "episode", "visit", "location", "follow_up", "measure", "recurrence", "audit_event")) {
            assertThat(primaryKey(c, table)).as(table).containsExactly("clinic_id", "id");
        }
        // V19_1: the factor rows became the visit's own columns
        try (ResultSet rs = s.executeQuery("select id, factor_movement, factor_mobility, factor_strength, factor_recovery, factor_beliefs "
                + "from visit order by id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getLong(1) + ":" + rs.getBoolean(2) + rs.getBoolean(3) + rs.getBoolean(4) + rs.getBoolean(5) + rs.getBoolean(6));
            }
            assertThat(rows).containsExactly("74:truefalsefalsefalsetrue", "75:falsefalsefalsefalsefalse");
        }
        // the episode's location must now be in the episode's own clinic
        s.execute("insert into clinic (id, name) values (8, 'other')");
        s.execute("insert into location (id, clinic_id, name) values (80, 8, 'Elsewhere')");
        assertThatThrownBy(() -> s.execute("update episode set location_id = 80 where id = 73")).isInstanceOf(SQLException.class);
        s.execute("insert into follow_up (clinic_id, episode_id, months_after, due_date) values (7, 73, 1, date '2026-03-01')");
        assertThatThrownBy(() -> s.execute("insert into follow_up (clinic_id, episode_id, months_after, due_date) values (7, 73, 1, date '2026-03-02')"))
                .isInstanceOf(SQLException.class);
    }

    private static List<String> primaryKey(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (var ps = c.prepareStatement("""
                select k.column_name from information_schema.table_constraints tc
                  join information_schema.key_column_usage k on k.constraint_schema = tc.constraint_schema
                   and k.constraint_name = tc.constraint_name and k.table_name = tc.table_name
                 where tc.table_schema = current_schema() and tc.table_name = ? and tc.constraint_type = 'PRIMARY KEY'
                 order by k.ordinal_position""")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1).toLowerCase());
                }
            }
        }
        return columns;
    }
}
