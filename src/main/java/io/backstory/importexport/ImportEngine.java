package io.backstory.importexport;

import io.backstory.base.BulkRows;
import io.backstory.base.BulkTable;
import io.backstory.base.ClinicalNote;
import io.backstory.base.UserFacingException.Problem;
import io.backstory.followups.FollowUpBulk;
import io.backstory.measures.MeasureBulk;
import io.backstory.patients.PatientBulk;
import io.backstory.patients.PatientCommand;
import io.backstory.visits.Factor;
import io.backstory.visits.VisitBulk;
import io.backstory.visits.VisitCommand;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads an import's files in order (patients, episodes, visits, measures, check-ins, recurrences), checks
 * every row and inserts the valid ones, a batch of {@value #BATCH} rows at a time (COPY on PostgreSQL,
 * {@link ImportWriter}). The dry run runs exactly this in a transaction it rolls back, so both apply the same
 * rules, the database's constraints included; the commit runs it in one transaction, so a problem found while
 * writing rolls everything back.
 *
 * <p>Memory is bounded by the batch, not by the file or the clinic: external ids are looked up in
 * {@code import_external_id} per batch (ids already imported, references to patients, episodes and
 * check-ins), and every row of this import is registered there as it is read (a row with a problem with
 * local id -1, so the rows that refer to it are not reported again). A row whose id another import brought
 * is skipped ("already imported"), so re-running an import adds nothing; one this import registered is a
 * duplicate (a kind the clinic has no ids of yet skips looking its own ids up: {@link SeenTwice}).
 *
 * <p>A file is read and checked on a thread of its own ({@code readInto}) while this thread resolves and writes
 * the batch before, so the JVM's work and the database's overlap.
 */
final class ImportEngine {

    static final int MAX_PROBLEMS = 1_000;
    static final int BATCH = 10_000;
    private static final long BAD = -1;
    private static final Set<String> INSTRUMENTS = Set.of("NPRS", "ODI", "RMDQ", "PSFS", "FABQ", "TSK11", "PSEQ", "STARTBACK");

    record Settings(long clinicId, long jobId, Map<ImportKind, Map<String, String>> mapping, Map<String, @Nullable String> codes,
                    Map<String, Long> therapists, long defaultTherapist, Map<String, Long> locations, long defaultLocation) {
    }

    /** What a run found and did: rows added and skipped per file, and the problems. */
    record Outcome(Map<ImportKind, Integer> added, Map<ImportKind, Integer> skipped, List<ImportProblem> problems, int problemCount,
                   long rows) {
        boolean ok() {
            return problemCount == 0;
        }
    }

    /** A cell holding another file's id: resolved per batch into values[index]. */
    private record Ref(String column, ImportKind target, int index, boolean required) {
    }

    /**
     * Where a kind's rows go: its owner's bulk-load contract, and where each of the owner's columns finds its value in
     * a row as this class lays it out ({@link #values}).
     */
    record Target(BulkTable table, int[] positions) {
    }

    /** Checked once, when the class loads: a column an owner adds, drops or renames fails every import, never shifts values. */
    private static final Map<ImportKind, Target> TARGETS = targets();

    private static List<Ref> refs(ImportKind kind) {
        return switch (kind) {
            case PATIENTS -> List.of();
            case EPISODES -> List.of(new Ref("patient_id", ImportKind.PATIENTS, 0, true));
            case VISITS, MEASURES, CHECKINS -> List.of(new Ref("episode_id", ImportKind.EPISODES, 0, true));
            case RECURRENCES -> List.of(new Ref("episode_id", ImportKind.EPISODES, 0, true), new Ref("checkin_id", ImportKind.CHECKINS, 7, false),
                    new Ref("new_episode_id", ImportKind.EPISODES, 8, false));
        };
    }

    /** The owning module's bulk-load contract of the table a kind's rows go into. */
    private static BulkTable table(ImportKind kind) {
        return switch (kind) {
            case PATIENTS -> PatientBulk.IMPORT_PATIENTS;
            case EPISODES -> PatientBulk.IMPORT_EPISODES;
            case VISITS -> VisitBulk.IMPORT_VISITS;
            case MEASURES -> MeasureBulk.IMPORT_MEASURES;
            case CHECKINS -> FollowUpBulk.IMPORT_CHECK_INS;
            case RECURRENCES -> FollowUpBulk.IMPORT_RECURRENCES;
        };
    }

    /**
     * The values of a kind's row as {@code patient(...)}, {@code visit(...)}, ... return them, by the column each is
     * for; {@link #refs} and the one-per-episode checks index rows by this layout.
     */
    static List<String> values(ImportKind kind) {
        return switch (kind) {
            case PATIENTS -> List.of("first_name", "last_name", "date_of_birth", "sex", "phone", "email", "consent_follow_up");
            case EPISODES -> List.of("patient_id", "therapist_id", "location_id", "start_date", "discharge_date", "discharge_reason",
                    "chronicity", "prior_episodes");
            case VISITS -> Stream.concat(Stream.of("episode_id", "visit_date", "therapist_id", "minutes", "nprs", "note"),
                    Arrays.stream(Factor.values()).map(Factor::column)).toList(); // a factor flag each (V19_1), in Factor order
            case MEASURES -> List.of("episode_id", "instrument", "timepoint", "recorded_on", "score", "category", "subscales");
            case CHECKINS -> List.of("episode_id", "months_after", "due_date", "status", "completed_on", "reached", "pain_free",
                    "current_nprs", "note", "outcome");
            case RECURRENCES -> List.of("episode_id", "onset_date", "intensity", "lasted_24h", "activity_limiting", "care_sought",
                    "source", "follow_up_id", "new_episode_id");
        };
    }

    static Map<ImportKind, Target> targets() {
        Map<ImportKind, Target> targets = new EnumMap<>(ImportKind.class);
        for (ImportKind kind : ImportKind.values()) {
            targets.put(kind, new Target(table(kind), table(kind).positionsIn(values(kind))));
        }
        return targets;
    }

    private final JdbcTemplate jdbc;
    /** the one-check-in-per-month and one-recurrence-per-episode checks, on the follow-ups module's tables */
    private final FollowUpBulk followUps;
    private final Settings settings;
    private final ImportWriter writer;
    private final LongConsumer progress;
    /** a date of birth after today is a problem; the clinic's clock (Clock bean), so a test can fix the day */
    private final LocalDate today;
    /** the importing user's language: problems are worded in it as they are kept (issue 16) */
    private final Locale locale;
    private final List<ImportProblem> problems = new ArrayList<>();
    private int problemCount;
    private long rows;
    private final Map<ImportKind, Integer> added = new EnumMap<>(ImportKind.class);
    private final Map<ImportKind, Integer> skipped = new EnumMap<>(ImportKind.class);
    /** problems of the row being read; kept until its batch is resolved (an already-imported row reports none) */
    private List<Found> rowProblems = new ArrayList<>();
    /** false: a file of a kind the clinic has no ids of yet skips the per-batch look-up of its own ids ({@link SeenTwice}) */
    private final boolean probeEveryId;
    /** kinds whose file this run reads without looking its ids up: the clinic had none of that kind when the file began */
    private final Set<ImportKind> firstOfKind = EnumSet.noneOf(ImportKind.class);

    /**
     * The fast path met an id twice: a row's id was already registered by this run in an earlier batch (the same id
     * twice in a file) or by an import running alongside. The unique key of {@code import_external_id} refused
     * it, the transaction is lost, and the caller runs the whole job again with {@code probeEveryId}, which reports
     * it as the look-ups always did ("duplicate id", or "already imported" and skipped).
     */
    static final class SeenTwice extends RuntimeException {
        SeenTwice(Throwable cause) {
            super(cause);
        }
    }

    /**
     * A problem as found: a translations key and its arguments (the file's own values as strings, limits as
     * numbers, bounds as dates), worded only when it is among the {@value #MAX_PROBLEMS} kept.
     */
    private record Found(ImportKind kind, long line, @Nullable String column, Problem rule) {
    }

    ImportEngine(JdbcTemplate jdbc, FollowUpBulk followUps, Settings settings, Clock clock, LongConsumer progress) {
        this(jdbc, followUps, settings, clock, progress, Locale.ENGLISH, true);
    }

    /**
     * {@code probeEveryId} false: the fast path (PostgreSQL), which may throw {@link SeenTwice}; the caller then
     * runs the job again with true.
     */
    ImportEngine(JdbcTemplate jdbc, FollowUpBulk followUps, Settings settings, Clock clock, LongConsumer progress, Locale locale,
                 boolean probeEveryId) {
        this.jdbc = jdbc;
        this.followUps = followUps;
        this.probeEveryId = probeEveryId;
        this.locale = locale;
        this.settings = settings;
        this.today = LocalDate.now(clock);
        this.writer = ImportWriter.of(jdbc);
        this.progress = progress;
        for (ImportKind kind : ImportKind.values()) {
            added.put(kind, 0);
            skipped.put(kind, 0);
        }
    }

    Outcome run(Map<ImportKind, Path> files) {
        for (ImportKind kind : ImportKind.values()) {
            Path file = files.get(kind);
            if (file != null) {
                read(kind, file);
            }
        }
        return new Outcome(added, skipped, List.copyOf(problems), problemCount, rows);
    }

    /**
     * PostgreSQL: ANALYZE the tables this run added rows to, inside its transaction (ANALYZE counts the
     * transaction's own rows), so the report rebuild that follows in the same transaction is planned on the real
     * row counts. Without it the planner sees the tables as they were before the import (empty for a new clinic)
     * and picks nested loops over seq scans for 100,000s of rows. The lock it takes (SHARE UPDATE EXCLUSIVE, held
     * until the commit) only makes a concurrent import's or autovacuum's ANALYZE of the same table wait.
     */
    void analyzeWritten() {
        if (!(writer instanceof ImportWriter.Copy)) {
            return;
        }
        List<String> tables = new ArrayList<>();
        added.forEach((kind, n) -> {
            if (n > 0) {
                tables.add(table(kind).name());
            }
        });
        if (!tables.isEmpty()) {
            jdbc.execute("analyze " + String.join(", ", tables));
        }
    }

    /** A problem of the row being read: {@code key} is under {@code import.rule.} in the translations. */
    private void problem(ImportKind kind, long line, @Nullable String column, String key, Object... args) {
        rowProblems.add(found(kind, line, column, key, args));
    }

    private static Found found(ImportKind kind, long line, @Nullable String column, String key, Object... args) {
        return new Found(kind, line, column, new Problem("import.rule." + key, args));
    }

    /** Counts problems, keeping (and wording in the user's language) the first {@value #MAX_PROBLEMS}. */
    private void report(List<Found> found) {
        for (Found p : found) {
            problemCount++;
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(new ImportProblem(p.kind().fileName(), p.line(), p.column(), p.rule().in(locale)));
            }
        }
    }

    /** The problems of a row that goes no further (no id, wrong number of cells): reported before its batch is resolved. */
    private void reportRow() {
        readReported.addAll(rowProblems);
        rowProblems = new ArrayList<>();
    }

    /** A row read and checked on its own, waiting for its batch to be resolved against the database. */
    private record Pending(long line, String id, Object @Nullable [] values, String[] refs, List<Found> problems) {
    }

    private void read(ImportKind kind, Path file) {
        // Most imports bring a kind the clinic has none of yet (a first import, or its visits): then no id of this file can
        // be one imported before, and looking each one up (a unique-index probe per row, a tenth of a visit import's time)
        // only finds this run's own duplicates, which the unique key of import_external_id refuses anyway (SeenTwice).
        if (!probeEveryId && writer instanceof ImportWriter.Copy && Boolean.TRUE.equals(jdbc.queryForObject(
                "select not exists (select 1 from import_external_id where clinic_id = ? and kind = ?)", Boolean.class,
                settings.clinicId(), kind.name()))) {
            firstOfKind.add(kind);
        }
        BlockingQueue<Chunk> handed = new ArrayBlockingQueue<>(1);
        long before = rows;
        Thread reader = Thread.ofPlatform().name("import-reader-" + settings.jobId()).daemon(true)
                .start(() -> readInto(kind, file, before, handed));
        try {
            while (true) {
                Chunk chunk = handed.take();
                switch (chunk.failed()) {
                    case null -> { }
                    case RuntimeException e -> throw e;
                    case Error e -> throw e;
                    default -> throw new IllegalStateException(chunk.failed());
                }
                report(chunk.reported());
                resolve(kind, chunk.batch());
                if (chunk.rows() / 10_000 > rows / 10_000) {
                    progress.accept(chunk.rows());
                }
                rows = chunk.rows();
                if (chunk.last()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        } finally {
            reader.interrupt(); // stops a reader still waiting to hand over its next batch when this thread failed
        }
    }

    /**
     * What the reading thread hands over, in file order: problems found on their own (reported before the batch, as
     * they were found before it was resolved), then a batch of rows to resolve and write; the rows read so far.
     */
    private record Chunk(List<Found> reported, List<Pending> batch, long rows, boolean last, @Nullable Throwable failed) {
    }

    /** Thrown in the reading thread when the import thread stopped taking its batches. */
    private static final class Abandoned extends RuntimeException {
    }

    // The reading thread's own state while it reads a file (the import thread never touches it; the queue orders both).
    private List<Pending> readBatch = new ArrayList<>();
    private List<Found> readReported = new ArrayList<>();
    private long readRows;

    /**
     * Reads and checks a file's rows on a thread of its own while the import thread resolves and writes the batch
     * before (the database's share and the JVM's then overlap instead of taking turns); the transaction and all of
     * its statements stay on the import thread. At most three batches are in memory: one being read, one handed
     * over, one being written.
     */
    private void readInto(ImportKind kind, Path file, long rowsBefore, BlockingQueue<Chunk> out) {
        readRows = rowsBefore;
        readBatch = new ArrayList<>(BATCH);
        readReported = new ArrayList<>();
        try {
            List<Ref> refs = refs(kind);
            try (CsvTable table = CsvTable.open(file)) {
                Map<String, Integer> columns = columns(kind, table.header());
                reportRow();
                if (columns != null) {
                    table.rows(columns, row -> readRow(kind, refs, row, out), wrong -> {
                        problem(kind, wrong.line(), null, "cells", table.header().size(), wrong.cells().get("#cells"));
                        reportRow();
                    });
                }
                hand(out, false);
            } catch (CsvTable.FileProblem e) {
                hand(out, false);
                rowProblems.add(new Found(kind, e.line, null, e.rule));
            } catch (IOException e) {
                hand(out, false);
                problem(kind, 0, null, "unreadable", String.valueOf(e.getMessage()));
            }
            reportRow();
            hand(out, true);
        } catch (Abandoned e) {
            // the import thread failed or was stopped: nobody takes what is left
        } catch (RuntimeException | Error e) {
            try {
                out.put(new Chunk(List.of(), List.of(), readRows, true, e));
            } catch (InterruptedException stopped) {
                // the import thread is gone too
            }
        }
    }

    private void readRow(ImportKind kind, List<Ref> refs, CsvTable.Row row, BlockingQueue<Chunk> out) {
        readRows++;
        String id = row.get(kind.idField());
        if (id.isEmpty() || id.length() > 64) {
            if (id.isEmpty()) {
                problem(kind, row.line(), kind.idField(), "required");
            } else {
                problem(kind, row.line(), kind.idField(), "tooLong", 64, id.length());
            }
            reportRow();
            return;
        }
        String[] ext = new String[refs.size()];
        for (int i = 0; i < ext.length; i++) {
            Ref ref = refs.get(i);
            ext[i] = row.get(ref.column());
            if (ext[i].isEmpty() && ref.required()) {
                problem(kind, row.line(), ref.column(), "required");
            }
        }
        Object[] values = switch (kind) {
            case PATIENTS -> patient(row);
            case EPISODES -> episode(row);
            case VISITS -> visit(row);
            case MEASURES -> measure(row);
            case CHECKINS -> checkIn(row);
            case RECURRENCES -> recurrence(row);
        };
        // a row with a problem is never written: drop its values (a 1 MB cell must not stay in the batch)
        readBatch.add(new Pending(row.line(), id, rowProblems.isEmpty() ? values : null, ext, rowProblems));
        rowProblems = new ArrayList<>();
        if (readBatch.size() == BATCH) {
            hand(out, false);
        }
    }

    /** Hands the problems found on their own and the batch read since the last hand-over to the import thread. */
    private void hand(BlockingQueue<Chunk> out, boolean last) {
        try {
            out.put(new Chunk(readReported, readBatch, readRows, last, null));
        } catch (InterruptedException e) {
            throw new Abandoned();
        }
        readReported = new ArrayList<>();
        readBatch = new ArrayList<>(BATCH);
    }

    /** External id to {local id, job id} of the clinic's registered rows of one kind among {@code ids}. */
    private Map<String, long[]> registered(ImportKind kind, Collection<String> ids) {
        Map<String, long[]> found = new HashMap<>();
        BulkRows.lookup(jdbc, "x.external_id, x.local_id, x.job_id", "import_external_id", "external_id", " and x.kind = '" + kind.name() + "'",
                "varchar", settings.clinicId(), ids.toArray(), rs -> {
                    found.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        return found;
    }

    /** Checks a batch against the database (ids seen before, references, one-per-episode rules), then writes it. */
    private void resolve(ImportKind kind, List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Ref> refs = refs(kind);
        Map<String, long[]> before = firstOfKind.contains(kind) ? Map.of()
                : registered(kind, batch.stream().map(Pending::id).collect(Collectors.toSet()));
        List<Map<String, long[]>> targets = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            int slot = i;
            targets.add(registered(refs.get(i).target(), batch.stream().map(p -> p.refs()[slot]).filter(v -> !v.isEmpty())
                    .collect(Collectors.toSet())));
        }
        // pass 1: ids and references
        Set<String> seen = new HashSet<>();
        List<Pending> candidates = new ArrayList<>(batch.size());
        List<Boolean> blocked = new ArrayList<>(batch.size());
        Set<Long> episodes = new HashSet<>();
        for (Pending p : batch) {
            long[] earlier = before.get(p.id());
            if (earlier != null || !seen.add(p.id())) {
                if (earlier == null || earlier[1] == settings.jobId()) {
                    report(List.of(found(kind, p.line(), kind.idField(), "duplicate", p.id())));
                } else {
                    skipped.merge(kind, 1, Integer::sum);
                }
                continue;
            }
            boolean stop = false;
            for (int i = 0; i < refs.size(); i++) {
                Ref ref = refs.get(i);
                String v = p.refs()[i];
                long[] target = v.isEmpty() ? null : targets.get(i).get(v);
                if (v.isEmpty()) {
                    continue;
                } else if (target == null) {
                    p.problems().add(found(kind, p.line(), ref.column(), "noTarget",
                            Problem.text("import.rule.entity." + ref.target().idField().replace("_id", "")), v, ref.target().fileName()));
                } else if (target[0] == BAD) {
                    stop = true; // the row it refers to has a problem of its own, reported on its line
                } else if (p.values() != null) {
                    p.values()[ref.index()] = target[0];
                    if (ref.index() == 0) {
                        episodes.add(target[0]);
                    }
                }
            }
            candidates.add(p);
            blocked.add(stop);
        }
        // pass 2: one check-in per episode and month, one recurrence per episode (in the database or in this batch)
        // rows index 0 and 1 are episode_id and months_after (values(kind))
        Set<String> checkInsTaken = kind == ImportKind.CHECKINS ? followUps.checkInsOf(settings.clinicId(), episodes) : Set.of();
        Set<Long> recurrencesTaken = kind == ImportKind.RECURRENCES ? followUps.episodesWithRecurrence(settings.clinicId(), episodes)
                : Set.of();
        List<Object[]> write = new ArrayList<>();
        List<String> writeIds = new ArrayList<>();
        List<Object[]> bad = new ArrayList<>();
        for (int n = 0; n < candidates.size(); n++) {
            Pending p = candidates.get(n);
            Object[] v = p.values();
            if (v != null && p.problems().isEmpty() && v[0] != null) {
                if (kind == ImportKind.CHECKINS && !checkInsTaken.add(v[0] + "/" + v[1])) {
                    p.problems().add(found(kind, p.line(), "months_after", "checkinTaken", p.refs()[0], v[1]));
                } else if (kind == ImportKind.RECURRENCES && !recurrencesTaken.add((Long) v[0])) {
                    p.problems().add(found(kind, p.line(), "episode_id", "recurrenceTaken", p.refs()[0]));
                }
            }
            report(p.problems());
            if (p.problems().isEmpty()) {
                added.merge(kind, 1, Integer::sum);
            }
            if (!p.problems().isEmpty() || blocked.get(n) || v == null) {
                bad.add(new Object[] {settings.clinicId(), kind.name(), p.id(), BAD, settings.jobId()});
            } else {
                write.add(v);
                writeIds.add(p.id());
            }
        }
        write(kind, write, writeIds, bad);
    }

    /** Inserts the valid rows and every row's external id (-1 for a row not written). */
    private void write(ImportKind kind, List<Object[]> values, List<String> ids, List<Object[]> bad) {
        List<Object[]> external = new ArrayList<>(ids.size() + bad.size());
        external.addAll(bad);
        if (!values.isEmpty()) {
            Target target = TARGETS.get(kind);
            long[] local = writer.insert(target.table().name(), target.table().columns(), target.positions(), settings.clinicId(), values);
            for (int i = 0; i < ids.size(); i++) {
                external.add(new Object[] {settings.clinicId(), kind.name(), ids.get(i), local[i], settings.jobId()});
            }
        }
        if (!external.isEmpty()) {
            try {
                writer.insertPlain("import_external_id", List.of("clinic_id", "kind", "external_id", "local_id", "job_id"), external);
            } catch (IllegalStateException e) {
                if (firstOfKind.contains(kind) && e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
                    throw new SeenTwice(e); // unique_violation: its only unique key is (clinic_id, kind, external_id)
                }
                throw e;
            }
        }
    }

    /** Field to header position, after the clinic's mapping; null (and problems) when a required column is missing. */
    private @Nullable Map<String, Integer> columns(ImportKind kind, List<String> header) {
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Integer earlier = byKey.putIfAbsent(CsvTable.key(header.get(i)), i);
            if (earlier != null) {
                problem(kind, 1, header.get(i), "headerTwice", earlier + 1, i + 1);
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
                if (source.equals(field)) {
                    problem(kind, 1, field, "columnMissing", String.join(", ", header));
                } else {
                    problem(kind, 1, field, "columnMissingMapped", source, String.join(", ", header));
                }
                missing = true;
            }
        }
        return missing ? null : columns;
    }

    // --- rows ---------------------------------------------------------------------------------------------

    private Object @Nullable [] patient(CsvTable.Row r) {
        ImportKind k = ImportKind.PATIENTS;
        String first = text(k, r, "first_name", PatientCommand.NAME_MAX_LENGTH, true);
        String last = text(k, r, "last_name", PatientCommand.NAME_MAX_LENGTH, true);
        LocalDate dob = date(k, r, "date_of_birth", true);
        if (dob != null && (dob.isAfter(today) || dob.getYear() < 1900)) {
            problem(k, r.line(), "date_of_birth", "birthRange", LocalDate.of(1900, 1, 1), dob.toString());
        }
        String sex = choice(k, r, "sex", Set.of("F", "M", "X"), true);
        String phone = text(k, r, "phone", PatientCommand.PHONE_MAX_LENGTH, false);
        String email = text(k, r, "email", PatientCommand.EMAIL_MAX_LENGTH, false);
        Boolean consent = bool(k, r, "consent_follow_up");
        return new Object[] {first, last, dob, sex, blankToNull(phone), blankToNull(email),
                consent != null && consent};
    }

    private Object @Nullable [] episode(CsvTable.Row r) {
        ImportKind k = ImportKind.EPISODES;
        Long patient = null; // resolved with the batch
        LocalDate start = date(k, r, "start_date", true);
        LocalDate discharge = date(k, r, "discharge_date", false);
        if (start != null && discharge != null && discharge.isBefore(start)) {
            problem(k, r.line(), "discharge_date", "dischargeBefore", start.toString(), discharge.toString());
        }
        String reason = choice(k, r, "discharge_reason", Set.of("GOALS_MET", "SELF_DISCHARGED", "REFERRED_ON", "OTHER"), false);
        if (discharge != null && reason == null) {
            reason = "OTHER";
        }
        if (r.get("discharge_date").isEmpty() && reason != null) {
            problem(k, r.line(), "discharge_reason", "reasonWithoutDischarge");
        }
        String chronicity = choice(k, r, "chronicity", Set.of("ACUTE", "SUBACUTE", "CHRONIC"), true);
        Integer prior = integer(k, r, "prior_episodes", 0, 50, false);
        return new Object[] {patient, therapist(r), location(r), start,
                discharge, reason, chronicity, prior == null ? 0 : prior};
    }

    private Object @Nullable [] visit(CsvTable.Row r) {
        ImportKind k = ImportKind.VISITS;
        Long episode = null; // resolved with the batch
        LocalDate date = date(k, r, "visit_date", true);
        Integer minutes = integer(k, r, "minutes", VisitCommand.MIN_MINUTES, VisitCommand.MAX_MINUTES, true);
        Integer nprs = integer(k, r, "nprs", 0, 10, false);
        String note = text(k, r, "note", ClinicalNote.MAX_LENGTH, false);
        boolean[] factors = new boolean[Factor.values().length]; // the visit's factor columns, in Factor order
        String codes = r.get("codes");
        if (!codes.isEmpty()) {
            for (String code : codes.split("[|;, ]+")) {
                if (code.isEmpty()) {
                    continue;
                }
                String key = code.toUpperCase(Locale.ROOT);
                if (!settings.codes().containsKey(key)) {
                    problem(k, r.line(), "codes", "unknownCode", code);
                } else if (settings.codes().get(key) != null) {
                    factors[Factor.valueOf(settings.codes().get(key)).ordinal()] = true;
                }
            }
        }
        for (Factor factor : Factor.values()) {
            if (Boolean.TRUE.equals(bool(k, r, "f_" + factor.name().toLowerCase(Locale.ROOT)))) {
                factors[factor.ordinal()] = true;
            }
        }
        return new Object[] {episode, date, therapist(r), minutes, nprs, blankToNull(note),
                factors[0], factors[1], factors[2], factors[3], factors[4]};
    }

    private Object @Nullable [] measure(CsvTable.Row r) {
        ImportKind k = ImportKind.MEASURES;
        Long episode = null; // resolved with the batch
        String instrument = choice(k, r, "instrument", INSTRUMENTS, true);
        String timepoint = choice(k, r, "timepoint", Set.of("BASELINE", "VISIT", "DISCHARGE", "FOLLOW_UP"), true);
        LocalDate on = date(k, r, "recorded_on", true);
        BigDecimal score = decimal(k, r, "score", 0, 100, true);
        String category = text(k, r, "category", 20, false);
        String subscales = text(k, r, "subscales", 200, false);
        if ("STARTBACK".equals(instrument) && !category.isEmpty()
                && !Set.of("low", "medium", "high").contains(category.toLowerCase(Locale.ROOT))) {
            problem(k, r.line(), "category", "startback", category);
        }
        return new Object[] {episode, instrument, timepoint, on, score,
                blankToNull(category.toLowerCase(Locale.ROOT)), blankToNull(subscales)};
    }

    private Object @Nullable [] checkIn(CsvTable.Row r) {
        ImportKind k = ImportKind.CHECKINS;
        Long episode = null; // resolved with the batch
        Integer months = integer(k, r, "months_after", 1, 60, true);
        LocalDate due = date(k, r, "due_date", true);
        LocalDate completed = date(k, r, "completed_on", false);
        String status = choice(k, r, "status", Set.of("PENDING", "COMPLETED", "MISSED"), false);
        if (status == null) {
            status = completed == null ? "PENDING" : "COMPLETED";
        }
        if (status.equals("PENDING") && completed != null) {
            problem(k, r.line(), "completed_on", "completedPending", completed.toString());
        } else if (!status.equals("PENDING") && completed == null) {
            problem(k, r.line(), "completed_on", "completedRequired", status);
        }
        Boolean painFree = bool(k, r, "pain_free");
        Integer nprs = integer(k, r, "current_nprs", 0, 10, false);
        String note = text(k, r, "note", ClinicalNote.MAX_LENGTH, false);
        Boolean reached = status.equals("PENDING") ? null : status.equals("COMPLETED");
        String outcome = Boolean.TRUE.equals(painFree) && status.equals("COMPLETED") ? "NO_RECURRENCE" : null;
        return new Object[] {episode, months, due, status,
                completed, reached, painFree, nprs, blankToNull(note), outcome};
    }

    private Object @Nullable [] recurrence(CsvTable.Row r) {
        ImportKind k = ImportKind.RECURRENCES;
        Long episode = null; // resolved with the batch
        LocalDate onset = date(k, r, "onset_date", true);
        Integer intensity = integer(k, r, "intensity", 0, 10, false);
        Boolean lasted = bool(k, r, "lasted_24h");
        Boolean limiting = bool(k, r, "activity_limiting");
        Boolean careSought = bool(k, r, "care_sought");
        if (careSought == null) {
            problem(k, r.line(), "care_sought", "careSought");
        }
        String source = choice(k, r, "source", Set.of("FOLLOW_UP", "NEW_EPISODE"), true);
        Long checkIn = null; // resolved with the batch, as episode_id and new_episode_id
        Long newEpisode = null;
        return new Object[] {episode, onset, intensity, lasted, limiting,
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

    private String text(ImportKind k, CsvTable.Row r, String column, int max, boolean required) {
        String v = r.get(column);
        if (required && v.isEmpty()) {
            problem(k, r.line(), column, "required");
        } else if (v.length() > max) {
            problem(k, r.line(), column, "tooLong", max, v.length());
        }
        return v;
    }

    private @Nullable String choice(ImportKind k, CsvTable.Row r, String column, Set<String> allowed, boolean required) {
        String v = r.get(column).toUpperCase(Locale.ROOT).replace(' ', '_').replace("-", "");
        if (v.isEmpty()) {
            if (required) {
                problem(k, r.line(), column, "requiredOneOf", String.join(", ", new java.util.TreeSet<>(allowed)));
            }
            return null;
        }
        if (!allowed.contains(v)) {
            problem(k, r.line(), column, "oneOf", String.join(", ", new java.util.TreeSet<>(allowed)), r.get(column));
            return null;
        }
        return v;
    }

    private @Nullable LocalDate date(ImportKind k, CsvTable.Row r, String column, boolean required) {
        String v = r.get(column);
        if (v.isEmpty()) {
            if (required) {
                problem(k, r.line(), column, "dateRequired");
            }
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            problem(k, r.line(), column, "date", abbreviate(v));
            return null;
        }
    }

    private @Nullable Integer integer(ImportKind k, CsvTable.Row r, String column, int min, int max, boolean required) {
        return number(k, r, column, min, max, required, Integer::valueOf, "whole", n -> n >= min && n <= max);
    }

    private @Nullable BigDecimal decimal(ImportKind k, CsvTable.Row r, String column, int min, int max, boolean required) {
        return number(k, r, column, min, max, required, BigDecimal::new, "numeric",
                n -> n.compareTo(BigDecimal.valueOf(min)) >= 0 && n.compareTo(BigDecimal.valueOf(max)) <= 0);
    }

    /** A number cell: null (and a problem) when it is required but empty, not a number or outside [min, max]. */
    private <N> @Nullable N number(ImportKind k, CsvTable.Row r, String column, int min, int max, boolean required,
                                   Function<String, N> parse, String notANumber, Predicate<N> inRange) {
        String v = r.get(column);
        if (v.isEmpty()) {
            if (required) {
                problem(k, r.line(), column, "required");
            }
            return null;
        }
        N n;
        try {
            n = parse.apply(v);
        } catch (NumberFormatException e) {
            problem(k, r.line(), column, notANumber, abbreviate(v));
            return null;
        }
        if (!inRange.test(n)) {
            problem(k, r.line(), column, "between", min, max, abbreviate(v));
            return null;
        }
        return n;
    }

    private @Nullable Boolean bool(ImportKind k, CsvTable.Row r, String column) {
        String v = r.get(column).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "" -> null;
            case "1", "yes", "y", "true", "t" -> true;
            case "0", "no", "n", "false", "f" -> false;
            default -> {
                problem(k, r.line(), column, "yesNo", abbreviate(r.get(column)));
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
}
