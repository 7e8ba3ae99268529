package io.backstory.importexport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clinic's records as the six CSV files of the import format (docs/import.md), zipped: what another
 * Backstory clinic (or this one, emptied) imports back with the same report. Ids are the local ones with a
 * prefix (P-12, E-40, ...); visits carry their factors in the f_* columns. Streamed with a cursor, text
 * cells defused for spreadsheets (CsvExport). Admins and owners only; audited.
 */
@Service
public class ClinicCsvExportService {

    private final ClinicExports exports;
    private final JdbcTemplate jdbc;

    ClinicCsvExportService(ClinicExports exports) {
        this.exports = exports;
        this.jdbc = exports.streaming();
    }

    private static String factor(String name) {
        return "case when exists (select 1 from visit_factor f where f.clinic_id = v.clinic_id and f.visit_id = v.id and f.factor = '"
                + name + "') then 1 else 0 end as f_" + name.toLowerCase(java.util.Locale.ROOT);
    }

    /** Writes the zip to {@code out} (left open); rows per file. */
    @Transactional // not read-only: the audit row is written in it; the cursors need the transaction to stream
    public Map<String, Integer> export(OutputStream out) {
        long clinicId = exports.start("csv_bulk", "import-format CSV");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("patients.csv", """
                select concat('P-', id) as patient_id, first_name, last_name, date_of_birth, sex, phone, email, consent_follow_up
                  from patient where clinic_id = ? order by id""");
        files.put("episodes.csv", """
                select concat('E-', e.id) as episode_id, concat('P-', e.patient_id) as patient_id, u.display_name as therapist,
                       l.name as location, e.start_date, e.discharge_date, e.discharge_reason, e.chronicity, e.prior_episodes
                  from episode e
                  join user_account u on u.clinic_id = e.clinic_id and u.id = e.therapist_id
                  join location l on l.clinic_id = e.clinic_id and l.id = e.location_id
                 where e.clinic_id = ? order by e.id""");
        files.put("visits.csv", "select concat('V-', v.id) as visit_id, concat('E-', v.episode_id) as episode_id, v.visit_date, "
                + "u.display_name as therapist, v.minutes, v.nprs, " + factor("MOVEMENT") + ", " + factor("MOBILITY") + ", " + factor("STRENGTH")
                + ", " + factor("RECOVERY") + ", " + factor("BELIEFS") + ", v.note from visit v "
                + "join user_account u on u.clinic_id = v.clinic_id and u.id = v.therapist_id where v.clinic_id = ? order by v.id");
        files.put("measures.csv", """
                select concat('M-', id) as measure_id, concat('E-', episode_id) as episode_id, instrument, timepoint, recorded_on, score,
                       category, subscales
                  from measure where clinic_id = ? order by id""");
        files.put("checkins.csv", """
                select concat('C-', id) as checkin_id, concat('E-', episode_id) as episode_id, months_after, due_date, status,
                       completed_on, pain_free, current_nprs, note
                  from follow_up where clinic_id = ? order by id""");
        files.put("recurrences.csv", """
                select concat('R-', id) as recurrence_id, concat('E-', episode_id) as episode_id, onset_date, care_sought, source,
                       intensity, lasted_24h, activity_limiting,
                       case when follow_up_id is null then null else concat('C-', follow_up_id) end as checkin_id,
                       case when new_episode_id is null then null else concat('E-', new_episode_id) end as new_episode_id
                  from recurrence where clinic_id = ? order by id""");
        Map<String, Integer> counts = new LinkedHashMap<>();
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                counts.put(f.getKey(), file(zip, f.getValue(), clinicId));
                zip.closeEntry();
            }
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    private int file(OutputStream zip, String sql, long clinicId) throws IOException {
        OutputStreamWriter writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
        Integer rows = jdbc.query(sql, rs -> {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> header = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                header.add(meta.getColumnLabel(c).toLowerCase(java.util.Locale.ROOT));
            }
            print(csv, header); // also when the table is empty: the file then imports as "nothing to add"
            int n = 0;
            while (rs.next()) {
                List<String> cells = new ArrayList<>(header.size());
                for (int c = 1; c <= header.size(); c++) {
                    cells.add(cell(rs.getObject(c)));
                }
                print(csv, cells);
                n++;
            }
            return n;
        }, clinicId);
        csv.flush();
        return rows == null ? 0 : rows;
    }

    private static void print(CSVPrinter csv, List<String> cells) {
        try {
            csv.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(Object value) {
        return switch (value) {
            case null -> "";
            case Boolean b -> b ? "yes" : "no";
            case BigDecimal d -> d.stripTrailingZeros().toPlainString();
            case java.sql.Date d -> d.toLocalDate().toString();
            case Number n -> n.toString();
            default -> CsvExport.safe(value.toString());
        };
    }
}
