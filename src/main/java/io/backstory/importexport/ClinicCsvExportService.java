package io.backstory.importexport;

import io.backstory.visits.Factor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clinic's records as the six CSV files of the import format (docs/import.md), zipped: what another
 * Backstory clinic (or this one, emptied) imports back with the same report. Ids are the local ones with a
 * prefix (P-12, E-40, ...); visits carry their factors in the f_* columns. Rows stream from the owning modules'
 * bulk APIs, text cells defused for spreadsheets (CsvExport). Admins and owners only; audited.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ClinicCsvExportService {

    private final ClinicExports exports;

    /** Writes the zip to {@code out} (left open); rows per file. */
    @Transactional // not read-only: the audit row is written in it; the cursors need the transaction to stream
    public Map<String, Integer> export(OutputStream out) {
        ClinicExports.ClinicRows rows = exports.start("csv_bulk", "import-format CSV");
        long clinicId = rows.clinicId();
        ClinicExports.Readers read = rows.read();
        Map<Long, String> therapists = read.accounts().displayNames(clinicId);
        Map<Long, String> locationNames = new LinkedHashMap<>();
        read.locations().all(clinicId).forEach(l -> locationNames.put(l.id(), l.name()));
        Map<String, ClinicExports.ExportFile> files = new LinkedHashMap<>();
        files.put("patients.csv", w -> csv(w, List.of("patient_id", "first_name", "last_name", "date_of_birth", "sex", "phone", "email",
                "consent_follow_up"), row -> read.patients().forEachPatient(clinicId, p -> row.accept(new Object[] {"P-" + p.id(), p.firstName(),
                p.lastName(), p.dateOfBirth(), p.sex(), p.phone(), p.email(), p.consentToFollowUp()}))));
        files.put("episodes.csv", w -> csv(w, List.of("episode_id", "patient_id", "therapist", "location", "start_date", "discharge_date",
                "discharge_reason", "chronicity", "prior_episodes"), row -> read.patients().forEachEpisode(clinicId, e -> row.accept(new Object[] {
                "E-" + e.id(), "P-" + e.patientId(), therapists.get(e.therapistId()), locationNames.get(e.locationId()), e.start(),
                e.discharge(), e.dischargeReason(), e.chronicity(), e.priorEpisodes()}))));
        files.put("visits.csv", w -> csv(w, List.of("visit_id", "episode_id", "visit_date", "therapist", "minutes", "nprs", "f_movement",
                "f_mobility", "f_strength", "f_recovery", "f_beliefs", "note"), row -> read.visits().forEachVisit(clinicId, v -> row.accept(
                new Object[] {"V-" + v.id(), "E-" + v.episodeId(), v.date(), therapists.get(v.therapistId()), v.minutes(), v.nprs(),
                        flag(v.factors().contains(Factor.MOVEMENT)), flag(v.factors().contains(Factor.MOBILITY)),
                        flag(v.factors().contains(Factor.STRENGTH)), flag(v.factors().contains(Factor.RECOVERY)),
                        flag(v.factors().contains(Factor.BELIEFS)), v.note()}))));
        files.put("measures.csv", w -> csv(w, List.of("measure_id", "episode_id", "instrument", "timepoint", "recorded_on", "score",
                "category", "subscales"), row -> read.measures().forEachMeasure(clinicId, m -> row.accept(new Object[] {"M-" + m.id(),
                "E-" + m.episodeId(), m.instrument(), m.timepoint(), m.recordedOn(), m.score(), m.category(), m.subscales()}))));
        files.put("checkins.csv", w -> csv(w, List.of("checkin_id", "episode_id", "months_after", "due_date", "status", "completed_on",
                "pain_free", "current_nprs", "note"), row -> read.followUps().forEachFollowUp(clinicId, f -> row.accept(new Object[] {"C-" + f.id(),
                "E-" + f.episodeId(), f.monthsAfter(), f.due(), f.status().name(), f.completedOn(), f.painFree(), f.currentNprs(),
                f.note()}))));
        files.put("recurrences.csv", w -> csv(w, List.of("recurrence_id", "episode_id", "onset_date", "care_sought", "source", "intensity",
                "lasted_24h", "activity_limiting", "checkin_id", "new_episode_id"), row -> read.followUps().forEachRecurrence(clinicId, r -> row.accept(
                new Object[] {"R-" + r.id(), "E-" + r.episodeId(), r.onset(), r.careSought(), r.source(), r.intensity(), r.lasted24h(),
                        r.activityLimiting(), r.followUpId() == null ? null : "C-" + r.followUpId(),
                        r.newEpisodeId() == null ? null : "E-" + r.newEpisodeId()}))));
        return ClinicExports.zip(out, files);
    }

    /** The f_* columns: 1 when the visit addressed the factor. */
    private static int flag(boolean addressed) {
        return addressed ? 1 : 0;
    }

    /** One file: the header (also when there are no rows: the file then imports as "nothing to add"), then a line per row. */
    private static int csv(Writer writer, List<String> header, Consumer<Consumer<@Nullable Object[]>> rows) throws IOException {
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
        print(csv, header);
        int[] n = {0};
        rows.accept(cells -> {
            print(csv, Arrays.stream(cells).map(ClinicCsvExportService::cell).toList());
            n[0]++;
        });
        csv.flush();
        return n[0];
    }

    private static void print(CSVPrinter csv, List<String> cells) {
        try {
            csv.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(@Nullable Object value) {
        return switch (value) {
            case null -> "";
            case Boolean b -> b ? "yes" : "no";
            case BigDecimal d -> d.stripTrailingZeros().toPlainString();
            case LocalDate d -> d.toString();
            case Number n -> n.toString();
            default -> CsvExport.safe(value.toString());
        };
    }
}
