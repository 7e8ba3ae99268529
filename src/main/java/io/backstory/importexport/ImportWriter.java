package io.backstory.importexport;

import io.backstory.base.TableName;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Writes one batch of an import's rows into a table, named with the columns it takes by its owning module's bulk-load
 * contract ({@link io.backstory.base.BulkTable}); a row's values go into those columns through a fixed map of positions,
 * so the import's rows need not be laid out in the owner's order. On PostgreSQL with COPY (PgJDBC's CopyManager): the ids
 * are drawn from the table's identity sequence first, so the import knows each row's local id without
 * {@code RETURNING} (COPY has none) and can write the external-id and factor rows the same way. Elsewhere
 * (the embedded H2 demo and tests) with JDBC batches and generated keys. Both run on the caller's
 * transaction's connection, so the commit stays all-or-nothing.
 */
abstract sealed class ImportWriter {

    static ImportWriter of(JdbcTemplate jdbc) {
        DataSource ds = jdbc.getDataSource();
        Connection con = DataSourceUtils.getConnection(ds);
        try {
            return con.isWrapperFor(PGConnection.class) ? new Copy(jdbc) : new Batch(jdbc);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            DataSourceUtils.releaseConnection(con, ds);
        }
    }

    final JdbcTemplate jdbc;

    ImportWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts rows for the clinic, {@code row[positions[c]]} into {@code columns[c]}; their new ids in order. */
    abstract long[] insert(@TableName String table, List<String> columns, int[] positions, long clinicId, List<Object[]> rows);

    /** Inserts rows whose values are exactly {@code columns} (no generated id). */
    abstract void insertPlain(@TableName String table, List<String> columns, List<Object[]> rows);

    /** JDBC batches with generated keys: any database. */
    static final class Batch extends ImportWriter {
        Batch(JdbcTemplate jdbc) {
            super(jdbc);
        }

        @Override
        long[] insert(@TableName String table, List<String> columns, int[] positions, long clinicId, List<Object[]> rows) {
            String sql = "insert into " + table + " (clinic_id, " + String.join(", ", columns) + ") values (" + clinicId
                    + ", ?" + ", ?".repeat(columns.size() - 1) + ")";
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.batchUpdate(con -> con.prepareStatement(sql, new String[] {"id"}), new BatchPreparedStatementSetter() {
                @Override
                public void setValues(PreparedStatement ps, int i) throws SQLException {
                    Object[] row = rows.get(i);
                    for (int c = 0; c < positions.length; c++) {
                        ps.setObject(c + 1, row[positions[c]]);
                    }
                }

                @Override
                public int getBatchSize() {
                    return rows.size();
                }
            }, keys);
            List<Map<String, Object>> generated = keys.getKeyList();
            long[] ids = new long[rows.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = ((Number) generated.get(i).values().iterator().next()).longValue();
            }
            return ids;
        }

        @Override
        void insertPlain(@TableName String table, List<String> columns, List<Object[]> rows) {
            jdbc.batchUpdate("insert into " + table + " (" + String.join(", ", columns) + ") values (?" + ", ?".repeat(columns.size() - 1) + ")",
                    rows);
        }
    }

    /** COPY ... FROM STDIN in PostgreSQL's text format, one COPY per batch, ids from the identity sequence. */
    static final class Copy extends ImportWriter {
        private final Map<String, String> sequences = new HashMap<>();

        Copy(JdbcTemplate jdbc) {
            super(jdbc);
        }

        @Override
        long[] insert(@TableName String table, List<String> columns, int[] positions, long clinicId, List<Object[]> rows) {
            String sequence = sequences.computeIfAbsent(table,
                    t -> jdbc.queryForObject("select pg_get_serial_sequence(?, 'id')", String.class, t));
            // ids drawn like the column default would draw them; concurrent inserts elsewhere take other numbers
            List<Long> drawn = jdbc.queryForList("select nextval(?::regclass) from generate_series(1, ?)", Long.class, sequence, rows.size());
            long[] ids = new long[rows.size()];
            List<Object[]> withIds = new ArrayList<>(rows.size());
            for (int i = 0; i < ids.length; i++) {
                ids[i] = drawn.get(i);
                Object[] values = rows.get(i);
                Object[] row = new Object[positions.length + 2];
                row[0] = ids[i];
                row[1] = clinicId;
                for (int c = 0; c < positions.length; c++) {
                    row[c + 2] = values[positions[c]];
                }
                withIds.add(row);
            }
            List<String> all = new ArrayList<>(columns.size() + 2);
            all.add("id");
            all.add("clinic_id");
            all.addAll(columns);
            insertPlain(table, all, withIds);
            return ids;
        }

        /**
         * Streams the rows to PostgreSQL {@value #CHUNK} characters at a time as they are written out, so the server
         * parses and inserts the first rows while the rest are still being turned into text (and the batch is never one
         * big String and its bytes besides).
         */
        @Override
        void insertPlain(@TableName String table, List<String> columns, List<Object[]> rows) {
            DataSource ds = jdbc.getDataSource();
            Connection con = DataSourceUtils.getConnection(ds);
            try {
                CopyIn copy = con.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy " + table + " (" + String.join(", ", columns) + ") from stdin");
                try {
                    StringBuilder text = new StringBuilder(CHUNK + 4_096);
                    for (Object[] row : rows) {
                        for (int c = 0; c < columns.size(); c++) {
                            if (c > 0) {
                                text.append('\t');
                            }
                            append(text, row[c]);
                        }
                        text.append('\n');
                        if (text.length() >= CHUNK) {
                            send(copy, text);
                        }
                    }
                    send(copy, text);
                    copy.endCopy();
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("COPY into " + table + " failed: " + e.getMessage(), e);
            } finally {
                DataSourceUtils.releaseConnection(con, ds);
            }
        }

        private static final int CHUNK = 64 * 1_024;

        private static void send(CopyIn copy, StringBuilder text) throws SQLException {
            if (!text.isEmpty()) {
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                text.setLength(0);
            }
        }

        /** One value in COPY's text format: \N for null, backslash escapes for the separators. */
        static void append(StringBuilder out, Object value) {
            switch (value) {
                case null -> out.append("\\N");
                case Boolean b -> out.append(b ? 't' : 'f');
                case java.math.BigDecimal d -> out.append(d.toPlainString());
                case Number n -> out.append(n);
                case java.time.LocalDate d -> out.append(d); // ISO 8601, what COPY reads (dates stay LocalDate: java.sql.Date's
                // getYear/getMonth/getDate each normalise through a calendar, 6 % of the import thread's CPU in a profile)
                default -> {
                    String s = value.toString();
                    for (int i = 0; i < s.length(); i++) {
                        char ch = s.charAt(i);
                        switch (ch) {
                            case '\\' -> out.append("\\\\");
                            case '\t' -> out.append("\\t");
                            case '\n' -> out.append("\\n");
                            case '\r' -> out.append("\\r");
                            default -> out.append(ch);
                        }
                    }
                }
            }
        }
    }
}
