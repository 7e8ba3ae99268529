package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Citus-ready keys (DESIGN §7, issue 14): every tenant table's primary key and unique constraints
 * include clinic_id, and every foreign key between two tenant tables includes it, so distributing by
 * clinic_id is a DDL script (db/citus/distribute.sql) rather than a redesign.
 *
 * <p>Tenant tables are found in the catalogue (every base table with a clinic_id column) minus the
 * {@link #REFERENCE_TABLES}, so tables that later migrations of the same release add before this one
 * runs are covered too; tables that already comply are left untouched. Written in Java because the
 * constraint names differ between PostgreSQL and H2 (H2 names unnamed constraints CONSTRAINT_xx).
 *
 * <p>For each key that gains clinic_id the old column list keeps a plain index: JPA still loads rows
 * by id alone (the entities keep a single generated {@code @Id}), and element collections by their
 * owner's id.
 *
 * <p>Audit rows written without a clinic (a failed sign-in with an unknown name) get clinic_id 0, the
 * "no clinic" key, so the audit table's key can include clinic_id. The append-only triggers are
 * switched off for that one update and back on in the same transaction.
 */
public class V14_1__TenantKeys extends BaseJavaMigration {

    /**
     * Tables that stay global (Citus reference tables) although some carry clinic_id: clinics
     * themselves, the shared intervention catalogue (clinic_id null = shared row), and the accounts,
     * which are looked up by username or token hash before anyone's clinic is known (a username is
     * unique across the whole service). Flyway's history is local to the coordinator.
     */
    static final Set<String> REFERENCE_TABLES = Set.of("clinic", "intervention", "user_account", "user_role", "mfa_factor",
            "mfa_recovery_code", "account_token", "flyway_schema_history");

    static final String CLINIC = "clinic_id";
    /** The audit trail's clinic for rows that belong to no clinic (mirrors AuditLog.NO_CLINIC). */
    static final long NO_CLINIC = 0;

    private record Key(String table, String name, String type, List<String> columns) {
    }

    private record ForeignKey(String table, String name, List<String> columns, String target, List<String> targetColumns,
                              String deleteRule) {
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        boolean h2 = c.getMetaData().getDatabaseProductName().toLowerCase().contains("h2");
        if (tablesWithClinic(c).contains("audit_event")) {
            auditRowsWithoutClinic(c, h2);
        }
        // A table outside the reference set that points at a tenant table by id alone joins the tenant
        // (H2's truncate guard of the audit table does): it gets clinic_id from the row it references.
        for (ForeignKey fk : foreignKeys(c)) {
            Set<String> tenants = tenantTables(c);
            if (tenants.contains(fk.target()) && !tenants.contains(fk.table()) && !REFERENCE_TABLES.contains(fk.table())
                    && !columnsOf(c, fk.table()).contains(CLINIC) && fk.columns().size() == 1) {
                execute(c, "alter table " + fk.table() + " add column " + CLINIC + " bigint");
                execute(c, "update " + fk.table() + " set " + CLINIC + " = (select t." + CLINIC + " from " + fk.target()
                        + " t where t." + fk.targetColumns().getFirst() + " = " + fk.table() + "." + fk.columns().getFirst() + ")");
                execute(c, "alter table " + fk.table() + " alter column " + CLINIC + " set not null");
            }
        }
        rekey(c);
    }

    private void rekey(Connection c) throws SQLException {
        Set<String> tenants = tenantTables(c);
        Map<String, List<Key>> keys = keys(c);
        Map<String, List<String>> newPrimaryKeys = new LinkedHashMap<>();
        List<Key> dropUniques = new ArrayList<>();
        List<Key> widenUniques = new ArrayList<>();
        for (String table : tenants) {
            List<Key> tableKeys = keys.getOrDefault(table, List.of());
            Key pk = tableKeys.stream().filter(k -> k.type().equals("PRIMARY KEY")).findFirst().orElse(null);
            List<String> primary = pk == null ? null : pk.columns();
            if (pk != null && !pk.columns().contains(CLINIC)) {
                primary = withClinic(pk.columns());
                newPrimaryKeys.put(table, primary);
            }
            for (Key k : tableKeys) {
                if (!k.type().equals("UNIQUE")) {
                    continue;
                }
                boolean sameAsPrimary = primary != null && Set.copyOf(k.columns()).equals(Set.copyOf(primary));
                if (sameAsPrimary && newPrimaryKeys.containsKey(table)) {
                    dropUniques.add(k); // uq_x_clinic (clinic_id, id): the new primary key says it already
                } else if (!k.columns().contains(CLINIC)) {
                    widenUniques.add(k);
                }
            }
        }
        Set<String> changed = new LinkedHashSet<>(newPrimaryKeys.keySet());
        dropUniques.forEach(k -> changed.add(k.table()));
        widenUniques.forEach(k -> changed.add(k.table()));

        List<ForeignKey> redo = new ArrayList<>();
        for (ForeignKey fk : foreignKeys(c)) {
            boolean betweenTenants = tenants.contains(fk.table()) && tenants.contains(fk.target());
            if (changed.contains(fk.target()) || betweenTenants && !fk.columns().contains(CLINIC)) {
                if (REFERENCE_TABLES.contains(fk.table()) && tenants.contains(fk.target())) {
                    throw new IllegalStateException("Reference table " + fk.table() + " references tenant table " + fk.target()
                            + " (" + fk.name() + "): Citus cannot distribute that; give " + fk.table() + " a clinic_id or drop the key");
                }
                redo.add(fk);
            }
        }
        for (ForeignKey fk : redo) {
            execute(c, "alter table " + fk.table() + " drop constraint " + quoted(fk.name()));
        }
        for (Key k : dropUniques) {
            execute(c, "alter table " + k.table() + " drop constraint " + quoted(k.name()));
        }
        for (Key k : widenUniques) {
            execute(c, "alter table " + k.table() + " drop constraint " + quoted(k.name()));
            execute(c, "alter table " + k.table() + " add constraint " + quoted(k.name()) + " unique (" + String.join(", ", withClinic(k.columns())) + ")");
            index(c, k.table(), k.columns());
        }
        for (Map.Entry<String, List<String>> e : newPrimaryKeys.entrySet()) {
            String table = e.getKey();
            Key pk = keys.get(table).stream().filter(k -> k.type().equals("PRIMARY KEY")).findFirst().orElseThrow();
            execute(c, "alter table " + table + " drop constraint " + quoted(pk.name()));
            execute(c, "alter table " + table + " add constraint " + table + "_pkey primary key (" + String.join(", ", e.getValue()) + ")");
            index(c, table, pk.columns());
        }
        for (ForeignKey fk : redo) {
            boolean widen = tenants.contains(fk.table()) && tenants.contains(fk.target()) && !fk.columns().contains(CLINIC);
            List<String> columns = widen ? withClinic(fk.columns()) : fk.columns();
            List<String> target = widen ? withClinic(fk.targetColumns()) : fk.targetColumns();
            String onDelete = switch (fk.deleteRule()) {
                case "CASCADE" -> " on delete cascade";
                case "SET NULL" -> " on delete set null";
                case "SET DEFAULT" -> " on delete set default";
                case "RESTRICT" -> " on delete restrict";
                default -> "";
            };
            execute(c, "alter table " + fk.table() + " add constraint " + quoted(fk.name()) + " foreign key (" + String.join(", ", columns)
                    + ") references " + fk.target() + " (" + String.join(", ", target) + ")" + onDelete);
        }
    }

    /** Null clinic_id becomes {@link #NO_CLINIC}; the column becomes NOT NULL DEFAULT 0 (writers that leave it out still work). */
    private void auditRowsWithoutClinic(Connection c, boolean h2) throws SQLException {
        boolean any;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from audit_event where clinic_id is null")) {
            rs.next();
            any = rs.getLong(1) > 0;
        }
        if (any) {
            if (h2) {
                List<String[]> triggers = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                        select trigger_name, action_timing, event_manipulation, action_orientation, java_class
                          from information_schema.triggers
                         where event_object_schema = current_schema() and event_object_table = 'audit_event'""")) {
                    while (rs.next()) {
                        triggers.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
                    }
                }
                for (String[] t : triggers) {
                    execute(c, "drop trigger " + t[0]);
                }
                execute(c, "update audit_event set clinic_id = " + NO_CLINIC + " where clinic_id is null");
                for (String[] t : triggers) {
                    execute(c, "create trigger " + t[0] + " " + t[1] + " " + t[2] + " on audit_event for each " + t[3]
                            + " call \"" + t[4] + "\"");
                }
            } else {
                execute(c, "alter table audit_event disable trigger user");
                execute(c, "update audit_event set clinic_id = " + NO_CLINIC + " where clinic_id is null");
                execute(c, "alter table audit_event enable trigger user");
            }
        }
        execute(c, "alter table audit_event alter column clinic_id set default " + NO_CLINIC);
        execute(c, "alter table audit_event alter column clinic_id set not null");
    }

    /** Constraint names as the catalogue spells them (H2 names unnamed constraints in upper case). */
    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static List<String> withClinic(List<String> columns) {
        List<String> out = new ArrayList<>();
        out.add(CLINIC);
        columns.stream().filter(col -> !col.equals(CLINIC)).forEach(out::add);
        return out;
    }

    /** A plain index on the old key, so lookups by it (JPA by id, element collections by owner id) stay indexed. */
    private static void index(Connection c, String table, List<String> columns) throws SQLException {
        String name = "ix_" + table + "_" + String.join("_", columns);
        name = name.length() > 60 ? name.substring(0, 60) : name;
        execute(c, "create index " + name + " on " + table + " (" + String.join(", ", columns) + ")");
    }

    private static Set<String> tablesWithClinic(Connection c) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select c.table_name from information_schema.columns c
                  join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                 where c.table_schema = current_schema() and c.column_name = 'clinic_id' and t.table_type = 'BASE TABLE'
                 order by c.table_name""")) {
            while (rs.next()) {
                out.add(rs.getString(1).toLowerCase());
            }
        }
        return out;
    }

    static Set<String> tenantTables(Connection c) throws SQLException {
        Set<String> out = tablesWithClinic(c);
        out.removeAll(REFERENCE_TABLES);
        return out;
    }

    private static Set<String> columnsOf(Connection c, String table) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "select column_name from information_schema.columns where table_schema = current_schema() and table_name = ?")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1).toLowerCase());
                }
            }
        }
        return out;
    }

    private static Map<String, List<Key>> keys(Connection c) throws SQLException {
        Map<String, Map<String, Key>> byTable = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select tc.table_name, tc.constraint_name, tc.constraint_type, k.column_name
                  from information_schema.table_constraints tc
                  join information_schema.key_column_usage k
                    on k.constraint_schema = tc.constraint_schema and k.constraint_name = tc.constraint_name
                   and k.table_name = tc.table_name
                 where tc.table_schema = current_schema() and tc.constraint_type in ('PRIMARY KEY', 'UNIQUE')
                 order by tc.table_name, tc.constraint_name, k.ordinal_position""")) {
            while (rs.next()) {
                String table = rs.getString(1).toLowerCase();
                String name = rs.getString(2);
                byTable.computeIfAbsent(table, t -> new LinkedHashMap<>())
                        .computeIfAbsent(name, n -> new Key(table, n, rs0(rs, 3), new ArrayList<>()))
                        .columns().add(rs.getString(4).toLowerCase());
            }
        }
        Map<String, List<Key>> out = new LinkedHashMap<>();
        byTable.forEach((t, m) -> out.put(t, new ArrayList<>(m.values())));
        return out;
    }

    private static String rs0(ResultSet rs, int column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ForeignKey> foreignKeys(Connection c) throws SQLException {
        Map<String, ForeignKey> byName = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select k.table_name, k.constraint_name, k.column_name, r.table_name, r.column_name, rc.delete_rule
                  from information_schema.referential_constraints rc
                  join information_schema.key_column_usage k
                    on k.constraint_schema = rc.constraint_schema and k.constraint_name = rc.constraint_name
                  join information_schema.key_column_usage r
                    on r.constraint_schema = rc.unique_constraint_schema and r.constraint_name = rc.unique_constraint_name
                   and r.ordinal_position = k.position_in_unique_constraint
                 where rc.constraint_schema = current_schema()
                 order by k.table_name, k.constraint_name, k.ordinal_position""")) {
            while (rs.next()) {
                String table = rs.getString(1).toLowerCase();
                String name = rs.getString(2);
                ForeignKey fk = byName.computeIfAbsent(table + "." + name, n -> new ForeignKey(table, name, new ArrayList<>(),
                        rs0(rs, 4).toLowerCase(), new ArrayList<>(), rs0(rs, 6).toUpperCase()));
                fk.columns().add(rs.getString(3).toLowerCase());
                fk.targetColumns().add(rs.getString(5).toLowerCase());
            }
        }
        return new ArrayList<>(byName.values());
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
