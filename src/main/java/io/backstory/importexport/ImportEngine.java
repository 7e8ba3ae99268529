package io.backstory.importexport;

import io.backstory.base.ClinicalNote;
import io.backstory.visits.VisitCommand;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Reads an import's files in order (patients, episodes, visits, measures, check-ins, recurrences), checks
 * every row and, when writing, inserts the new rows in JDBC batches. One pass does both so the dry run and
 * the commit apply exactly the same rules; the caller runs a commit inside one transaction, so a problem
 * found while writing rolls everything back.
 *
 * <p>Rows whose external id was imported before are skipped ("already imported"), which makes re-running an
 * import add nothing. In memory it keeps only the external ids of the clinic's patients, episodes and
 * check-ins (to resolve references) and of the visits and measures of this import (to find duplicates).
 */
final class ImportEngine {

    static final int MAX_PROBLEMS = 1_000;
    private static final int BATCH = 1_000;
    private static final Set<String> FACTORS = Set.of("MOVEMENT", "MOBILITY", "STRENGTH", "RECOVERY", "BELIEFS");
    private static final Set<String> INSTRUMENTS = Set.of("NPRS", "ODI", "RMDQ", "PSFS", "FABQ", "TSK11", "PSEQ", "STARTBACK");

    record Settings(long clinicId, long jobId, Map<ImportKind, Map<String, String>> mapping, Map<String, @Nullable String> codes,
                    Map<String, Long> therapists, long defaultTherapist, Map<String, Long> locations, long defaultLocation) {
    }

    /** What a run found and (when writing) did: rows added and skipped per file, and the problems. */
    record Outcome(Map<ImportKind, Integer> added, Map<ImportKind, Integer> skipped, List<ImportProblem> problems, int problemCount,
                   long rows) {
        boolean ok() {
            return problemCount == 0;
        }
    }

    private final JdbcTemplate jdbc;
    private final Settings settings;
    private final boolean write;
    private final LongConsumer progress;
    private final List<ImportProblem> problems = new ArrayList<>();
    private int problemCount;
    private long rows;
    private final Map<ImportKind, Integer> added = new EnumMap<>(ImportKind.class);
    private final Map<ImportKind, Integer> skipped = new EnumMap<>(ImportKind.class);
    /** external id to local id (-1 while only checked, not written) */
    private final Map<ImportKind, Map<String, Long>> known = new EnumMap<>(ImportKind.class);
    private final Set<String> episodesWithRecurrence = new HashSet<>();
    private final Set<String> checkInMonths = new HashSet<>();
    private final Map<String, LocalDate> episodeStart = new HashMap<>();

    ImportEngine(JdbcTemplate jdbc, Settings settings, boolean write, LongConsumer progress) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.write = write;
        this.progress = progress;
        for (ImportKind kind : ImportKind.values()) {
            added.put(kind, 0);
            skipped.put(kind, 0);
            known.put(kind, new HashMap<>());
        }
    }

    Outcome run(Map<ImportKind, Path> files) {
        loadKnown();
        for (ImportKind kind : ImportKind.values()) {
            Path file = files.get(kind);
            if (file != null) {
                read(kind, file);
            }
        }
        return new Outcome(added, skipped, List.copyOf(problems), problemCount, rows);
    }

    private void loadKnown() {
        jdbc.query("select kind, external_id, local_id from import_external_id where clinic_id = ?", rs -> {
            known.get(ImportKind.valueOf(rs.getString(1))).put(rs.getString(2), rs.getLong(3));
        }, settings.clinicId());
    }

    private void problem(ImportKind kind, long line, @Nullable String column, String rule) {
        problemCount++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new ImportProblem(kind.fileName(), line, column, rule));
        }
    }

    private void read(ImportKind kind, Path file) {
        Batch batch = new Batch(kind);
        try (CsvTable table = CsvTable.open(file)) {
            Map<String, Integer> columns = columns(kind, table.header());
            if (columns == null) {
                return;
            }
            table.rows(columns, row -> {
                rows++;
                if (rows % 10_000 == 0) {
                    progress.accept(rows);
                }
                String id = row.get(kind.idField());
                if (id.isEmpty()) {
                    problem(kind, row.line(), kind.idField(), "is required but missing");
                    return;
                }
                if (id.length() > 64) {
                    problem(kind, row.line(), kind.idField(), "must be at most 64 characters, was " + id.length());
                    return;
                }
                Map<String, Long> ids = known.get(kind);
                if (ids.containsKey(id)) {
                    if (batch.seen.contains(id)) {
                        problem(kind, row.line(), kind.idField(), "duplicate id '" + id + "' (also on an earlier line of this file)");
                    } else {
                        skipped.merge(kind, 1, Integer::sum);
                    }
                    return;
                }
                int before = problemCount;
                Object[] values = switch (kind) {
                    case PATIENTS -> patient(row);
                    case EPISODES -> episode(row);
                    case VISITS -> visit(row);
                    case MEASURES -> measure(row);
                    case CHECKINS -> checkIn(row);
                    case RECURRENCES -> recurrence(row);
                };
                batch.seen.add(id);
                ids.put(id, -1L);
                if (problemCount == before && values != null) {
                    added.merge(kind, 1, Integer::sum);
                    if (write) {
                        batch.add(id, values);
                    }
                }
            }, wrong -> problem(kind, wrong.line(), null, "expected " + table.header().size() + " cells like the header, found "
                    + wrong.cells().get("#cells")));
            batch.flush();
        } catch (CsvTable.FileProblem e) {
            problem(kind, e.line, null, e.getMessage());
        } catch (IOException e) {
            problem(kind, 0, null, "could not be read: " + e.getMessage());
        }
    }

    /** Field to header position, after the clinic's mapping; null (and problems) when a required column is missing. */
    private @Nullable Map<String, Integer> columns(ImportKind kind, List<String> header) {
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Integer earlier = byKey.putIfAbsent(CsvTable.key(header.get(i)), i);
            if (earlier != null) {
                problem(kind, 1, header.get(i), "appears twice in the header (columns " + (earlier + 1) + " and " + (i + 1) + ")");
            }
        }
        Map<String, String> mapping = settings.mapping().getOrDefault(kind, Map.of());
        Map<String, Integer> columns = new LinkedHashMap<>();
        boolean missing = false;
        for (String field : kind.fields()) {
            String source = mapping.getOrDefault(field, field);
            Integer at = byKey.get(CsvTable.key(source));
            if (at != null) {
                columns.put(field, at);
            } else if (kind.required().contains(field)) {
                problem(kind, 1, field, "the required column is missing" + (source.equals(field) ? "" : " (mapped to '" + source + "')")
                        + "; the header has: " + String.join(", ", header));
                missing = true;
            }
        }
        return missing ? null : columns;
    }

    // --- rows ---------------------------------------------------------------------------------------------

    private Object @Nullable [] patient(CsvTable.Row r) {
        ImportKind k = ImportKind.PATIENTS;
        String first = text(k, r, "first_name", 80, true);
        String last = text(k, r, "last_name", 80, true);
        LocalDate dob = date(k, r, "date_of_birth", true);
        if (dob != null && (dob.isAfter(LocalDate.now()) || dob.getYear() < 1900)) {
            problem(k, r.line(), "date_of_birth", "must be between 1900-01-01 and today, was " + dob);
        }
        String sex = choice(k, r, "sex", Set.of("F", "M", "X"), true);
        String phone = text(k, r, "phone", 40, false);
        String email = text(k, r, "email", 120, false);
        Boolean consent = bool(k, r, "consent_follow_up");
        return new Object[] {first, last, dob == null ? null : Date.valueOf(dob), sex, blankToNull(phone), blankToNull(email),
                consent != null && consent};
    }

    private Object @Nullable [] episode(CsvTable.Row r) {
        ImportKind k = ImportKind.EPISODES;
        Long patient = reference(k, r, "patient_id", ImportKind.PATIENTS, true);
        LocalDate start = date(k, r, "start_date", true);
        LocalDate discharge = date(k, r, "discharge_date", false);
        if (start != null && discharge != null && discharge.isBefore(start)) {
            problem(k, r.line(), "discharge_date", "must be on or after start_date " + start + ", was " + discharge);
        }
        String reason = choice(k, r, "discharge_reason", Set.of("GOALS_MET", "SELF_DISCHARGED", "REFERRED_ON", "OTHER"), false);
        if (discharge != null && reason == null) {
            reason = "OTHER";
        }
        if (r.get("discharge_date").isEmpty() && reason != null) {
            problem(k, r.line(), "discharge_reason", "is given but discharge_date is empty");
        }
        String chronicity = choice(k, r, "chronicity", Set.of("ACUTE", "SUBACUTE", "CHRONIC"), true);
        Integer prior = integer(k, r, "prior_episodes", 0, 50, false);
        if (start != null) {
            episodeStart.put(r.get("episode_id"), start);
        }
        return new Object[] {patient, therapist(r), location(r), start == null ? null : Date.valueOf(start),
                discharge == null ? null : Date.valueOf(discharge), reason, chronicity, prior == null ? 0 : prior};
    }

    private Object @Nullable [] visit(CsvTable.Row r) {
        ImportKind k = ImportKind.VISITS;
        Long episode = reference(k, r, "episode_id", ImportKind.EPISODES, true);
        LocalDate date = date(k, r, "visit_date", true);
        Integer minutes = integer(k, r, "minutes", VisitCommand.MIN_MINUTES, VisitCommand.MAX_MINUTES, true);
        Integer nprs = integer(k, r, "nprs", 0, 10, false);
        String note = text(k, r, "note", ClinicalNote.MAX_LENGTH, false);
        Set<String> factors = new HashSet<>();
        String codes = r.get("codes");
        if (!codes.isEmpty()) {
            for (String code : codes.split("[|;, ]+")) {
                if (code.isEmpty()) {
                    continue;
                }
                String key = code.toUpperCase(Locale.ROOT);
                if (!settings.codes().containsKey(key)) {
                    problem(k, r.line(), "codes", "unknown code '" + code + "': add it to the code table (Import, map codes)");
                } else if (settings.codes().get(key) != null) {
                    factors.add(settings.codes().get(key));
                }
            }
        }
        for (String factor : FACTORS) {
            String column = "f_" + factor.toLowerCase(Locale.ROOT);
            Boolean flag = bool(k, r, column);
            if (Boolean.TRUE.equals(flag)) {
                factors.add(factor);
            }
        }
        return new Object[] {episode, date == null ? null : Date.valueOf(date), therapist(r), minutes, nprs, blankToNull(note),
                String.join(",", factors)};
    }

    private Object @Nullable [] measure(CsvTable.Row r) {
        ImportKind k = ImportKind.MEASURES;
        Long episode = reference(k, r, "episode_id", ImportKind.EPISODES, true);
        String instrument = choice(k, r, "instrument", INSTRUMENTS, true);
        String timepoint = choice(k, r, "timepoint", Set.of("BASELINE", "VISIT", "DISCHARGE", "FOLLOW_UP"), true);
        LocalDate on = date(k, r, "recorded_on", true);
        BigDecimal score = decimal(k, r, "score", 0, 100, true);
        String category = text(k, r, "category", 20, false);
        String subscales = text(k, r, "subscales", 200, false);
        if ("STARTBACK".equals(instrument) && !category.isEmpty()
                && !Set.of("low", "medium", "high").contains(category.toLowerCase(Locale.ROOT))) {
            problem(k, r.line(), "category", "must be low, medium or high for STARTBACK, was '" + category + "'");
        }
        return new Object[] {episode, instrument, timepoint, on == null ? null : Date.valueOf(on), score,
                blankToNull(category.toLowerCase(Locale.ROOT)), blankToNull(subscales)};
    }

    private Object @Nullable [] checkIn(CsvTable.Row r) {
        ImportKind k = ImportKind.CHECKINS;
        Long episode = reference(k, r, "episode_id", ImportKind.EPISODES, true);
        Integer months = integer(k, r, "months_after", 1, 60, true);
        LocalDate due = date(k, r, "due_date", true);
        LocalDate completed = date(k, r, "completed_on", false);
        String status = choice(k, r, "status", Set.of("PENDING", "COMPLETED", "MISSED"), false);
        if (status == null) {
            status = completed == null ? "PENDING" : "COMPLETED";
        }
        if (status.equals("PENDING") && completed != null) {
            problem(k, r.line(), "completed_on", "must be empty for a PENDING check-in, was " + completed);
        } else if (!status.equals("PENDING") && completed == null) {
            problem(k, r.line(), "completed_on", "is required for a " + status + " check-in");
        }
        Boolean painFree = bool(k, r, "pain_free");
        Integer nprs = integer(k, r, "current_nprs", 0, 10, false);
        String note = text(k, r, "note", ClinicalNote.MAX_LENGTH, false);
        if (months != null && !checkInMonths.add(r.get("episode_id") + "\u0000" + months)) {
            problem(k, r.line(), "months_after", "episode " + r.get("episode_id") + " already has a " + months + "-month check-in");
        }
        Boolean reached = status.equals("PENDING") ? null : status.equals("COMPLETED");
        String outcome = Boolean.TRUE.equals(painFree) && status.equals("COMPLETED") ? "NO_RECURRENCE" : null;
        return new Object[] {episode, months, due == null ? null : Date.valueOf(due), status,
                completed == null ? null : Date.valueOf(completed), reached, painFree, nprs, blankToNull(note), outcome};
    }

    private Object @Nullable [] recurrence(CsvTable.Row r) {
        ImportKind k = ImportKind.RECURRENCES;
        Long episode = reference(k, r, "episode_id", ImportKind.EPISODES, true);
        LocalDate onset = date(k, r, "onset_date", true);
        Integer intensity = integer(k, r, "intensity", 0, 10, false);
        Boolean lasted = bool(k, r, "lasted_24h");
        Boolean limiting = bool(k, r, "activity_limiting");
        Boolean careSought = bool(k, r, "care_sought");
        if (careSought == null) {
            problem(k, r.line(), "care_sought", "is required but missing (must be yes or no)");
        }
        String source = choice(k, r, "source", Set.of("FOLLOW_UP", "NEW_EPISODE"), true);
        Long checkIn = reference(k, r, "checkin_id", ImportKind.CHECKINS, false);
        Long newEpisode = reference(k, r, "new_episode_id", ImportKind.EPISODES, false);
        if (!r.get("episode_id").isEmpty() && !episodesWithRecurrence.add(r.get("episode_id"))) {
            problem(k, r.line(), "episode_id", "episode " + r.get("episode_id") + " already has a recurrence (one, the first, per episode)");
        }
        return new Object[] {episode, onset == null ? null : Date.valueOf(onset), intensity, lasted, limiting,
                careSought != null && careSought, source, checkIn, newEpisode};
    }

    // --- cells --------------------------------------------------------------------------------------------

    private long therapist(CsvTable.Row r) {
        Long id = settings.therapists().get(r.get("therapist").toLowerCase(Locale.ROOT));
        return id == null ? settings.defaultTherapist() : id;
    }

    private long location(CsvTable.Row r) {
        Long id = settings.locations().get(r.get("location").toLowerCase(Locale.ROOT));
        return id == null ? settings.defaultLocation() : id;
    }

    private @Nullable Long reference(ImportKind k, CsvTable.Row r, String column, ImportKind target, boolean required) {
        String v = r.get(column);
        if (v.isEmpty()) {
            if (required) {
                problem(k, r.line(), column, "is required but missing");
            }
            return null;
        }
        Long id = known.get(target).get(v);
        if (id == null) {
            problem(k, r.line(), column, "no " + target.idField().replace("_id", "") + " with id '" + v + "' in " + target.fileName()
                    + " or an earlier import");
        }
        return id;
    }

    private String text(ImportKind k, CsvTable.Row r, String column, int max, boolean required) {
        String v = r.get(column);
        if (required && v.isEmpty()) {
            problem(k, r.line(), column, "is required but missing");
        } else if (v.length() > max) {
            problem(k, r.line(), column, "must be at most " + max + " characters, was " + v.length());
        }
        return v;
    }

    private @Nullable String choice(ImportKind k, CsvTable.Row r, String column, Set<String> allowed, boolean required) {
        String v = r.get(column).toUpperCase(Locale.ROOT).replace(' ', '_').replace("-", "");
        if (v.isEmpty()) {
            if (required) {
                problem(k, r.line(), column, "is required but missing (one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
            return null;
        }
        if (!allowed.contains(v)) {
            problem(k, r.line(), column, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ", was '" + r.get(column) + "'");
            return null;
        }
        return v;
    }

    private @Nullable LocalDate date(ImportKind k, CsvTable.Row r, String column, boolean required) {
        String v = r.get(column);
        if (v.isEmpty()) {
            if (required) {
                problem(k, r.line(), column, "is required but missing (a date like 2024-03-31)");
            }
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            problem(k, r.line(), column, "must be a date like 2024-03-31 (ISO 8601), was '" + abbreviate(v) + "'");
            return null;
        }
    }

    private @Nullable Integer integer(ImportKind k, CsvTable.Row r, String column, int min, int max, boolean required) {
        String v = r.get(column);
        if (v.isEmpty()) {
            if (required) {
                problem(k, r.line(), column, "is required but missing");
            }
            return null;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                problem(k, r.line(), column, "must be between " + min + " and " + max + ", was " + n);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(k, r.line(), column, "must be a whole number, was '" + abbreviate(v) + "'");
            return null;
        }
    }

    private @Nullable BigDecimal decimal(ImportKind k, CsvTable.Row r, String column, int min, int max, boolean required) {
        String v = r.get(column);
        if (v.isEmpty()) {
            if (required) {
                problem(k, r.line(), column, "is required but missing");
            }
            return null;
        }
        try {
            BigDecimal n = new BigDecimal(v);
            if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
                problem(k, r.line(), column, "must be between " + min + " and " + max + ", was " + v);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(k, r.line(), column, "must be numeric, was '" + abbreviate(v) + "'");
            return null;
        }
    }

    private @Nullable Boolean bool(ImportKind k, CsvTable.Row r, String column) {
        String v = r.get(column).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "" -> null;
            case "1", "yes", "y", "true", "t" -> true;
            case "0", "no", "n", "false", "f" -> false;
            default -> {
                problem(k, r.line(), column, "must be yes or no (1/0, true/false), was '" + abbreviate(r.get(column)) + "'");
                yield null;
            }
        };
    }

    private static String abbreviate(String v) {
        return v.length() <= 40 ? v : v.substring(0, 40) + "…";
    }

    private static @Nullable String blankToNull(@Nullable String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    // --- writing ------------------------------------------------------------------------------------------

    private final class Batch {
        final ImportKind kind;
        final Set<String> seen = new HashSet<>();
        final List<String> ids = new ArrayList<>();
        final List<Object[]> values = new ArrayList<>();

        Batch(ImportKind kind) {
            this.kind = kind;
        }

        void add(String id, Object[] row) {
            ids.add(id);
            values.add(row);
            if (ids.size() == BATCH) {
                flush();
            }
        }

        void flush() {
            if (ids.isEmpty()) {
                return;
            }
            long clinic = settings.clinicId();
            String sql = switch (kind) {
                case PATIENTS -> "insert into patient (clinic_id, first_name, last_name, date_of_birth, sex, phone, email, consent_follow_up) "
                        + "values (" + clinic + ", ?, ?, ?, ?, ?, ?, ?)";
                case EPISODES -> "insert into episode (clinic_id, patient_id, therapist_id, location_id, start_date, discharge_date, "
                        + "discharge_reason, chronicity, prior_episodes) values (" + clinic + ", ?, ?, ?, ?, ?, ?, ?, ?)";
                case VISITS -> "insert into visit (clinic_id, episode_id, visit_date, therapist_id, minutes, nprs, note) values ("
                        + clinic + ", ?, ?, ?, ?, ?, ?)";
                case MEASURES -> "insert into measure (clinic_id, episode_id, instrument, timepoint, recorded_on, score, category, subscales) "
                        + "values (" + clinic + ", ?, ?, ?, ?, ?, ?, ?)";
                case CHECKINS -> "insert into follow_up (clinic_id, episode_id, months_after, due_date, status, completed_on, reached, "
                        + "pain_free, current_nprs, note, outcome) values (" + clinic + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
                case RECURRENCES -> "insert into recurrence (clinic_id, episode_id, onset_date, intensity, lasted_24h, activity_limiting, "
                        + "care_sought, source, follow_up_id, new_episode_id) values (" + clinic + ", ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            };
            int width = kind == ImportKind.VISITS ? 6 : values.getFirst().length;
            // references were resolved when the row was read; rows of this batch can only refer to earlier batches
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.batchUpdate(con -> con.prepareStatement(sql, new String[] {"id"}), new BatchPreparedStatementSetter() {
                @Override
                public void setValues(PreparedStatement ps, int i) throws SQLException {
                    Object[] row = values.get(i);
                    for (int c = 0; c < width; c++) {
                        ps.setObject(c + 1, row[c]);
                    }
                }

                @Override
                public int getBatchSize() {
                    return values.size();
                }
            }, keys);
            List<Map<String, Object>> generated = keys.getKeyList();
            Map<String, Long> ids0 = known.get(kind);
            List<Object[]> external = new ArrayList<>(ids.size());
            List<Object[]> factors = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                long local = ((Number) generated.get(i).values().iterator().next()).longValue();
                ids0.put(ids.get(i), local);
                external.add(new Object[] {clinic, kind.name(), ids.get(i), local, settings.jobId()});
                if (kind == ImportKind.VISITS) {
                    String f = (String) values.get(i)[6];
                    if (!f.isEmpty()) {
                        for (String factor : f.split(",")) {
                            factors.add(new Object[] {local, clinic, factor});
                        }
                    }
                }
            }
            jdbc.batchUpdate("insert into import_external_id (clinic_id, kind, external_id, local_id, job_id) values (?, ?, ?, ?, ?)", external);
            if (!factors.isEmpty()) {
                jdbc.batchUpdate("insert into visit_factor (visit_id, clinic_id, factor) values (?, ?, ?)", factors);
            }
            ids.clear();
            values.clear();
        }
    }
}
