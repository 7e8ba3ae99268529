package io.backstory.base;

import java.sql.PreparedStatement;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * What the modules' bulk APIs (the demo seed's writers, the whole-clinic exports' streaming reads) share: inserts
 * sent in JDBC batches of {@value #BATCH} rows, reads fetched {@value #FETCH_SIZE} rows per round trip so a clinic of
 * millions of visits never sits in memory, and identity columns continued after explicitly numbered rows. Each module
 * keeps the SQL on its own tables; this class only knows table names its callers pass in.
 */
public final class BulkRows {

    /** Rows per JDBC batch. */
    private static final int BATCH = 1_000;
    /** Rows fetched per round trip; PostgreSQL only streams with a fetch size inside a transaction. */
    private static final int FETCH_SIZE = 1_000;

    private BulkRows() {
    }

    /** A JdbcTemplate that fetches {@value #FETCH_SIZE} rows at a time (streams inside the caller's transaction). */
    public static JdbcTemplate streaming(DataSource dataSource) {
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(FETCH_SIZE);
        return streaming;
    }

    /** Runs {@code sql} once per row, {@value #BATCH} rows per batch. */
    public static void insert(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + BATCH)));
        }
    }

    /** The highest id in {@code table} over all clinics (ids are global), 0 when empty. */
    public static long lastId(JdbcTemplate jdbc, @TableName String table) {
        Long max = jdbc.queryForObject("select coalesce(max(id), 0) from " + table, Long.class);
        return max == null ? 0 : max;
    }

    /**
     * Rows of {@code table} for one batch of a bulk load: {@code keys} in an array, matched on {@code column} within
     * the clinic ({@code extra}: further equalities, as SQL on {@code x}). On PostgreSQL a LATERAL join, one
     * unique-index probe per value: the tables grow inside the bulk load's own transaction and have no statistics yet,
     * so the planner otherwise scans the clinic's rows and compares each with every value of the array (125 s for
     * 10,000 ids against 200,000 rows, measured; 0.1 s this way). Elsewhere (H2) {@code = any (?)}.
     */
    public static void lookup(JdbcTemplate jdbc, String select, @TableName String table, String column, String extra, String arrayType,
                              long clinicId, Object[] keys, RowCallbackHandler rows) {
        if (keys.length == 0) {
            return;
        }
        jdbc.query(con -> {
            String sql = "PostgreSQL".equals(con.getMetaData().getDatabaseProductName())
                    ? "select " + select + " from unnest(?) k(v) cross join lateral (select * from " + table + " x where x.clinic_id = ?"
                      + extra + " and x." + column + " = k.v) x"
                    : "select " + select + " from " + table + " x where x." + column + " = any (?) and x.clinic_id = ?" + extra;
            PreparedStatement ps = con.prepareStatement(sql);
            ps.setArray(1, con.createArrayOf(arrayType, keys));
            ps.setLong(2, clinicId);
            return ps;
        }, rows);
    }

    /** Continues the tables' identity sequences after the explicitly numbered rows (same syntax on PostgreSQL and H2). */
    public static void restartIdentities(JdbcTemplate jdbc, @TableName String... tables) {
        for (String table : tables) {
            jdbc.execute("alter table " + table + " alter column id restart with " + (lastId(jdbc, table) + 1));
        }
    }
}
