package io.backstory.base;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

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

    /** Continues the tables' identity sequences after the explicitly numbered rows (same syntax on PostgreSQL and H2). */
    public static void restartIdentities(JdbcTemplate jdbc, @TableName String... tables) {
        for (String table : tables) {
            jdbc.execute("alter table " + table + " alter column id restart with " + (lastId(jdbc, table) + 1));
        }
    }
}
