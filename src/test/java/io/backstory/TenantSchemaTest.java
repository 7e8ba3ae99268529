package io.backstory;

import static io.backstory.TestDatabaseConfig.PASSWORD;
import static io.backstory.TestDatabaseConfig.URL;
import static io.backstory.TestDatabaseConfig.USER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Citus rules of DESIGN §7, read from the live PostgreSQL catalogue of a schema migrated by the real
 * migrations, so every future migration is held to them: a tenant table (every table not listed below as a
 * reference or local table) has a NOT NULL clinic_id, and its primary key, each unique constraint and unique
 * index, and each foreign key to another tenant table include clinic_id; a reference table never points at a
 * tenant table. And db/citus/distribute.sql distributes exactly these tables, in an order Citus accepts.
 */
class TenantSchemaTest {

    /**
     * Global tables (Citus reference tables), with why: clinics themselves; the shared intervention catalogue
     * (clinic_id null on shared rows); accounts and what hangs off them, looked up by username or token hash
     * before anyone's clinic is known (a username is unique across the service).
     */
    static final Set<String> REFERENCE_TABLES = Set.of("clinic", "intervention", "user_account", "user_role", "mfa_factor",
            "mfa_recovery_code", "account_token");
    /**
     * Tables that stay plain tables on the coordinator: Flyway's history (and a database-backed scheduler's, when one
     * comes), and the sign-in throttle's failures (issue 9: keyed by client address and typed username before any
     * clinic is known, read and written only by the sign-in path, never joined with clinic data).
     */
    static final Set<String> LOCAL_TABLES = Set.of("flyway_schema_history", "shedlock", "scheduled_tasks", "login_attempt");

    private static final String SCHEMA = "tenant_rules";

    private static Connection connection;
    private static FluentConfiguration flyway;

    @BeforeAll
    static void migrate() throws SQLException {
        flyway = Flyway.configure().dataSource(URL, USER, PASSWORD).schemas(SCHEMA).cleanDisabled(false)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql");
        flyway.load().clean();
        flyway.load().migrate();
        connection = DriverManager.getConnection(URL, USER, PASSWORD);
    }

    @AfterAll
    static void drop() throws SQLException {
        connection.close();
        flyway.load().clean();
    }

    @Test
    void shouldGiveEveryTenantTableAClinicIdInItsPrimaryKey() throws SQLException {
        List<String> problems = new ArrayList<>();
        for (String table : tenantTables()) {
            String clinic = single("select a.attnotnull::text from pg_attribute a where a.attrelid = '" + SCHEMA + "." + table
                    + "'::regclass and a.attname = 'clinic_id' and not a.attisdropped");
            if (clinic == null) {
                problems.add(table + ": no clinic_id column (a tenant table needs it; a global table belongs in REFERENCE_TABLES with a reason)");
                continue;
            }
            if (!clinic.equals("true")) {
                problems.add(table + ": clinic_id is nullable");
            }
            List<List<String>> pk = constraintColumns(table, "p");
            if (pk.isEmpty()) {
                problems.add(table + ": no primary key");
            } else if (!pk.getFirst().contains("clinic_id")) {
                problems.add(table + ": primary key " + pk.getFirst() + " lacks clinic_id");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldIncludeClinicIdInEveryUniqueConstraintAndIndexOfATenantTable() throws SQLException {
        List<String> problems = new ArrayList<>();
        for (String table : tenantTables()) {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                    select i.relname, array_to_string(array(select a.attname from unnest(x.indkey) k
                                                            join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k), ',')
                      from pg_index x join pg_class i on i.oid = x.indexrelid
                     where x.indrelid = '%s.%s'::regclass and x.indisunique""".formatted(SCHEMA, table))) {
                while (rs.next()) {
                    if (!List.of(rs.getString(2).split(",")).contains("clinic_id")) {
                        problems.add(table + ": unique " + rs.getString(1) + " (" + rs.getString(2) + ") lacks clinic_id");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldJoinTenantTablesOnlyWithinAClinic() throws SQLException {
        Set<String> tenants = tenantTables();
        List<String> problems = new ArrayList<>();
        for (ForeignKey fk : foreignKeys()) {
            boolean fromTenant = tenants.contains(fk.table());
            boolean toTenant = tenants.contains(fk.target());
            if (fromTenant && toTenant) {
                int at = fk.columns().indexOf("clinic_id");
                if (at < 0 || !fk.targetColumns().get(at).equals("clinic_id")) {
                    problems.add(fk + ": a key between tenant tables must pair clinic_id with clinic_id");
                }
            } else if (toTenant) {
                problems.add(fk + ": a reference or local table cannot point at a tenant table under Citus");
            } else if (LOCAL_TABLES.contains(fk.target())) {
                problems.add(fk + ": points at a coordinator-only table");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldDistributeEveryTableInTheCitusScriptInForeignKeyOrder() throws Exception {
        String script = citusScript();
        Map<String, String> distributed = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        Matcher d = Pattern.compile("(?m)^select create_distributed_table\\('(\\w+)', '(\\w+)'(?:, colocate_with => '(\\w+)')?\\);").matcher(script);
        while (d.find()) {
            assertThat(d.group(2)).as("distribution column of " + d.group(1)).isEqualTo("clinic_id");
            distributed.put(d.group(1), d.group(3));
            order.add(d.group(1));
        }
        Set<String> reference = new LinkedHashSet<>();
        Matcher r = Pattern.compile("(?m)^select create_reference_table\\('(\\w+)'\\);").matcher(script);
        while (r.find()) {
            reference.add(r.group(1));
        }
        assertThat(new TreeSet<>(distributed.keySet())).as("tables distributed by clinic_id in db/citus/distribute.sql")
                .isEqualTo(new TreeSet<>(tenantTables()));
        Set<String> globals = new TreeSet<>(tables());
        globals.removeAll(tenantTables());
        globals.removeAll(LOCAL_TABLES);
        assertThat(new TreeSet<>(reference)).as("reference tables in db/citus/distribute.sql").isEqualTo(globals);

        // one colocation group: the first distributed table anchors it, every other one names it
        String anchor = order.getFirst();
        assertThat(distributed.get(anchor)).isNull();
        distributed.forEach((table, with) -> assertThat(table.equals(anchor) || anchor.equals(with)).as(table + " colocated with " + anchor).isTrue());

        // reference tables first, then each distributed table after the tables it references
        List<String> all = new ArrayList<>(reference);
        all.addAll(order);
        for (ForeignKey fk : foreignKeys()) {
            if (!fk.table().equals(fk.target()) && all.contains(fk.table())) {
                assertThat(all.indexOf(fk.target())).as(fk + ": " + fk.target() + " must come earlier in the script")
                        .isBetween(0, all.indexOf(fk.table()) - 1);
            }
        }
    }

    private static String citusScript() throws IOException {
        try (InputStream in = TenantSchemaTest.class.getResourceAsStream("/db/citus/distribute.sql")) {
            assertThat(in).as("db/citus/distribute.sql").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private record ForeignKey(String name, String table, List<String> columns, String target, List<String> targetColumns) {
        @Override
        public String toString() {
            return table + "." + name + " " + columns + " -> " + target + " " + targetColumns;
        }
    }

    private static List<ForeignKey> foreignKeys() throws SQLException {
        List<ForeignKey> out = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                select c.conname, t.relname, f.relname,
                       array_to_string(array(select a.attname from unnest(c.conkey) with ordinality k(n, i)
                                             join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i), ','),
                       array_to_string(array(select a.attname from unnest(c.confkey) with ordinality k(n, i)
                                             join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i), ',')
                  from pg_constraint c
                  join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
                  join pg_class f on f.oid = c.confrelid
                 where c.contype = 'f' and n.nspname = '%s'
                 order by t.relname, c.conname""".formatted(SCHEMA))) {
            while (rs.next()) {
                out.add(new ForeignKey(rs.getString(1), rs.getString(2), List.of(rs.getString(4).split(",")), rs.getString(3),
                        List.of(rs.getString(5).split(","))));
            }
        }
        return out;
    }

    private static List<List<String>> constraintColumns(String table, String type) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                select array_to_string(array(select a.attname from unnest(c.conkey) with ordinality k(n, i)
                                             join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i), ',')
                  from pg_constraint c where c.conrelid = '%s.%s'::regclass and c.contype = '%s'""".formatted(SCHEMA, table, type))) {
            while (rs.next()) {
                out.add(List.of(rs.getString(1).split(",")));
            }
        }
        return out;
    }

    private static Set<String> tables() throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = '" + SCHEMA
                        + "' and c.relkind in ('r', 'p')")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        assertThat(out).as("tables in the migrated schema").contains("patient", "visit", "clinic");
        return out;
    }

    private static Set<String> tenantTables() throws SQLException {
        Set<String> out = tables();
        out.removeAll(REFERENCE_TABLES);
        out.removeAll(LOCAL_TABLES);
        return out;
    }

    private static String single(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
