package io.backstory.importexport;

import io.backstory.base.UserFacingException;
import io.backstory.clinic.ClinicLocations;
import io.backstory.followups.FollowUpBulk;
import io.backstory.reports.ReportEpisodes;
import io.backstory.security.AuditLog;
import io.backstory.security.BackstoryUser;
import io.backstory.security.ClinicAccounts;
import io.backstory.security.CurrentUser;
import io.backstory.security.Role;
import io.backstory.visits.Factor;
import io.backstory.visits.VisitBulk;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The CSV import (DESIGN §10, docs/import.md): upload, column mapping and code table per clinic, a dry run
 * that writes nothing but its findings, and an all-or-nothing commit. Both runs happen in the background
 * on the node that took the upload; their state is the {@code import_job} row, so any node can show the
 * progress and a second start of the same commit finds the row already claimed. Admins and owners only.
 */
@Service
public class ImportService {

    /** {@code import_job.message} is {@code varchar(2000)} (V13_1__import.sql): longer messages are cut to fit. */
    static final int MESSAGE_LENGTH = 2000;
    /** {@code import_problem.rule} is {@code varchar(600)} (V13_1__import.sql). */
    static final int RULE_LENGTH = 600;

    /** DESIGN §10's defaults for a clinic's code table; the clinic edits them (Import, map codes). */
    static final List<CodeRow> DEFAULT_CODES = List.of(
            new CodeRow("97112", "MOVEMENT", "Neuromuscular re-education"),
            new CodeRow("97140", "MOBILITY", "Manual therapy"),
            new CodeRow("97110", "STRENGTH", "Therapeutic exercise"),
            new CodeRow("97530", "MOVEMENT", "Therapeutic activities"),
            new CodeRow("97535", "RECOVERY", "Self-care / home management training"),
            new CodeRow("PNE", "BELIEFS", "Pain neuroscience education"),
            new CodeRow("97010", null, "Hot or cold packs (passive)"),
            new CodeRow("97012", null, "Mechanical traction (passive)"),
            new CodeRow("97014", null, "Electrical stimulation, unattended (passive)"),
            new CodeRow("97032", null, "Electrical stimulation, attended (passive)"),
            new CodeRow("97035", null, "Ultrasound (passive)"),
            new CodeRow("97124", null, "Massage (passive)"));

    public record CodeRow(String code, @Nullable String factor, String label) {
    }

    private final JdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final AuditLog auditLog;
    private final ReportEpisodes reportEpisodes;
    private final ClinicAccounts accounts;
    private final ClinicLocations locations;
    private final VisitBulk visits;
    private final FollowUpBulk followUps;
    private final TransactionTemplate inOne;
    private final TransactionTemplate separately;
    private final Path directory;
    private final DataSize maxFileSize;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "backstory-import");
        t.setDaemon(true);
        return t;
    });

    ImportService(DataSource dataSource, CurrentUser currentUser, AuditLog auditLog, ReportEpisodes reportEpisodes,
                  ClinicAccounts accounts, ClinicLocations locations, VisitBulk visits, FollowUpBulk followUps,
                  PlatformTransactionManager transactions, @Value("${backstory.import.dir:./data/imports}") Path directory,
                  @Value("${backstory.import.max-file-size:2GB}") DataSize maxFileSize, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.accounts = accounts;
        this.locations = locations;
        this.visits = visits;
        this.followUps = followUps;
        this.currentUser = currentUser;
        this.auditLog = auditLog;
        this.reportEpisodes = reportEpisodes;
        this.inOne = new TransactionTemplate(transactions);
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.directory = directory;
        this.maxFileSize = maxFileSize;
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    public DataSize maxFileSize() {
        return maxFileSize;
    }

    private BackstoryUser user() {
        return currentUser.requireAnyRole(Role.ADMIN, Role.OWNER);
    }

    // --- upload -------------------------------------------------------------------------------------------

    /** A new job holding these files (file name decides the kind: patients.csv, visits.csv, ...). */
    @Transactional
    public ImportJob upload(Map<String, InputStream> files) {
        BackstoryUser user = user();
        Map<ImportKind, Map.Entry<String, InputStream>> byKind = new EnumMap<>(ImportKind.class);
        for (Map.Entry<String, InputStream> f : files.entrySet()) {
            ImportKind kind = kindOf(f.getKey());
            if (byKind.put(kind, f) != null) {
                throw new UserFacingException("import.upload.second", f.getKey(), kind.fileName());
            }
        }
        if (byKind.isEmpty()) {
            throw new UserFacingException("import.upload.none");
        }
        long jobId = insertJob(user);
        Path dir = directory.resolve("clinic-" + user.clinicId()).resolve("job-" + jobId);
        try {
            Files.createDirectories(dir);
            for (Map.Entry<ImportKind, Map.Entry<String, InputStream>> f : byKind.entrySet()) {
                Path target = dir.resolve(f.getKey().fileName());
                long size = copyBounded(f.getValue().getValue(), target, f.getValue().getKey());
                jdbc.update("insert into import_file (clinic_id, job_id, kind, path, original_name, size_bytes) values (?, ?, ?, ?, ?, ?)",
                        user.clinicId(), jobId, f.getKey().name(), target.toAbsolutePath().toString(),
                        truncate(f.getValue().getKey(), 255), size);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        auditLog.record(AuditLog.Action.CREATE, "import_job", jobId, "upload " + byKind.keySet());
        return job(jobId);
    }

    /** The kind of one of this import's files, by the name the job lists (patients.csv, ...). */
    public static ImportKind kindOfFile(String fileName) {
        return kindOf(fileName);
    }

    /** Which kind a file is, by its name: "Visits export.csv" is visits. */
    static ImportKind kindOf(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        for (ImportKind kind : ImportKind.values()) {
            String stem = kind.fileName().replace(".csv", "");
            if (n.contains(stem) || (kind == ImportKind.CHECKINS && (n.contains("check-in") || n.contains("follow")))) {
                return kind;
            }
        }
        throw new UserFacingException("import.upload.kind", fileName);
    }

    private long copyBounded(InputStream in, Path target, String name) throws IOException {
        long limit = maxFileSize.toBytes();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (in; OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    out.close();
                    Files.deleteIfExists(target);
                    throw new UserFacingException("import.upload.tooLarge", name, maxFileSize.toMegabytes());
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private long insertJob(BackstoryUser user) {
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("insert into import_job (clinic_id, status, created_by) values (?, 'UPLOADED', ?)", new String[] {"id"});
            ps.setLong(1, user.clinicId());
            ps.setString(2, user.getUsername());
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    // --- jobs ---------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public ImportJob job(long jobId) {
        long clinicId = user().clinicId();
        List<ImportJob> jobs = jdbc.query("""
                select j.id, j.status, j.created_by, j.created_at, j.rows_total, j.rows_done, j.message,
                       (select count(*) from import_problem p where p.clinic_id = j.clinic_id and p.job_id = j.id) as problems
                  from import_job j where j.clinic_id = ? and j.id = ?""", (rs, n) -> new ImportJob(rs.getLong(1),
                ImportJob.Status.valueOf(rs.getString(2)), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getLong(5), rs.getLong(6),
                rs.getString(7), fileNames(clinicId, rs.getLong(1)), rs.getInt(8)), clinicId, jobId);
        if (jobs.isEmpty()) {
            throw new UserFacingException("import.job.notFound", String.valueOf(jobId));
        }
        return jobs.getFirst();
    }

    /** The clinic's most recent import, so the view reopens where the user left it. */
    @Transactional(readOnly = true)
    public Optional<ImportJob> latest() {
        long clinicId = user().clinicId();
        List<Long> ids = jdbc.queryForList("select id from import_job where clinic_id = ? order by id desc limit 1", Long.class, clinicId);
        return ids.isEmpty() ? Optional.empty() : Optional.of(job(ids.getFirst()));
    }

    private List<String> fileNames(long clinicId, long jobId) {
        return jdbc.queryForList("select kind from import_file where clinic_id = ? and job_id = ? order by kind", String.class, clinicId, jobId)
                .stream().map(k -> ImportKind.valueOf(k).fileName()).toList();
    }

    @Transactional(readOnly = true)
    public List<ImportProblem> problems(long jobId) {
        long clinicId = user().clinicId();
        return jdbc.query("select file_name, line, column_name, rule from import_problem where clinic_id = ? and job_id = ? order by seq",
                (rs, n) -> new ImportProblem(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)), clinicId, jobId);
    }

    /** The dry run's findings as CSV (file, line, column, rule), formula-safe for spreadsheets. */
    @Transactional(readOnly = true)
    public void problemsCsv(long jobId, Writer out) {
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("file", "line", "column", "rule").get())) {
            for (ImportProblem p : problems(jobId)) {
                csv.printRecord(p.file(), p.line(), CsvExport.safe(p.column()), CsvExport.safe(p.rule()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- dry run and commit -------------------------------------------------------------------------------

    /** Starts the dry run in the background, its problems in English; poll {@link #job}. */
    @Transactional
    public ImportJob startCheck(long jobId) {
        return startCheck(jobId, Locale.ENGLISH);
    }

    /**
     * Starts the dry run in the background; poll {@link #job}. The problems (list and download) and the job's
     * message are worded in {@code locale}, the importing user's: the run happens on a worker thread, away from
     * the page that asked, so the language is taken now (issue 16).
     */
    @Transactional
    public ImportJob startCheck(long jobId, Locale locale) {
        return claimAndRun(jobId, "status = 'CHECKING', rows_done = 0, message = null",
                "status in ('UPLOADED', 'CHECKED', 'INVALID', 'FAILED')", "import.job.busy", clinicId -> check(clinicId, jobId, locale));
    }

    /** Starts the commit in the background after a clean dry run; a second start finds the job claimed. */
    @Transactional
    public ImportJob startCommit(long jobId) {
        return startCommit(jobId, Locale.ENGLISH);
    }

    /** {@link #startCommit(long)}, the job's messages worded in {@code locale}, the importing user's (as {@link #startCheck}). */
    @Transactional
    public ImportJob startCommit(long jobId, Locale locale) {
        return claimAndRun(jobId, "status = 'QUEUED', rows_done = 0", "status = 'CHECKED'", "import.job.notChecked",
                clinicId -> commit(clinicId, jobId, locale));
    }

    /**
     * Claims the job by moving it on ({@code set}) only from the states it may start from ({@code from}), so a second
     * start finds it claimed and is refused with {@code refusalKey}; then runs {@code work} on the worker thread as
     * the user who asked.
     */
    private ImportJob claimAndRun(long jobId, String set, String from, String refusalKey, java.util.function.LongConsumer work) {
        long clinicId = user().clinicId();
        int claimed = jdbc.update("update import_job set " + set + ", updated_at = current_timestamp where clinic_id = ? and id = ? and "
                + from, clinicId, jobId);
        if (claimed == 0) {
            throw new UserFacingException(refusalKey);
        }
        worker.submit(new DelegatingSecurityContextRunnable(() -> work.accept(clinicId)));
        return job(jobId);
    }

    void check(long clinicId, long jobId, Locale locale) {
        try {
            ImportEngine.Outcome outcome = probingIfNeeded(probeEveryId -> inOne.execute(tx -> {
                tx.setRollbackOnly(); // the dry run does the commit's work and rolls it back: same rules, nothing kept
                return new ImportEngine(jdbc, followUps, settings(clinicId, jobId), clock, done -> progress(clinicId, jobId, done), locale, probeEveryId)
                        .run(paths(jobId, clinicId));
            }));
            separately.executeWithoutResult(tx -> {
                jdbc.update("delete from import_problem where clinic_id = ? and job_id = ?", clinicId, jobId);
                List<Object[]> rows = new ArrayList<>();
                int seq = 0;
                for (ImportProblem p : outcome.problems()) {
                    rows.add(new Object[] {clinicId, jobId, ++seq, p.file(), p.line(), p.column(), truncate(p.rule(), RULE_LENGTH)});
                }
                jdbc.batchUpdate("insert into import_problem (clinic_id, job_id, seq, file_name, line, column_name, rule) values (?, ?, ?, ?, ?, ?, ?)", rows);
                String message = outcome.ok() ? summary(outcome, locale, "import.job.clean")
                        : (outcome.problemCount() == 1 ? new UserFacingException.Problem("import.job.problem")
                          : outcome.problemCount() > outcome.problems().size()
                          ? new UserFacingException.Problem("import.job.problemsFirst", outcome.problemCount(), outcome.problems().size())
                          : new UserFacingException.Problem("import.job.problems", outcome.problemCount())).in(locale);
                jdbc.update("update import_job set status = ?, rows_total = ?, rows_done = ?, message = ?, updated_at = current_timestamp "
                        + "where clinic_id = ? and id = ?", outcome.ok() ? "CHECKED" : "INVALID", outcome.rows(), outcome.rows(),
                        truncate(message, MESSAGE_LENGTH), clinicId, jobId);
                auditLog.record(AuditLog.Action.READ, "import_job", jobId, "dry run: " + outcome.problemCount() + " problems");
            });
        } catch (RuntimeException e) {
            fail(clinicId, jobId, new UserFacingException.Problem("import.job.dryRunStopped", UserFacingException.localized(e, locale)).in(locale));
        }
    }

    void commit(long clinicId, long jobId, Locale locale) {
        try {
            separately.executeWithoutResult(tx -> jdbc.update("update import_job set status = 'RUNNING', updated_at = current_timestamp "
                    + "where clinic_id = ? and id = ? and status = 'QUEUED'", clinicId, jobId));
            probingIfNeeded(probeEveryId -> inOne.execute(tx -> {
                ImportEngine engine = new ImportEngine(jdbc, followUps, settings(clinicId, jobId), clock, done -> progress(clinicId, jobId, done), locale,
                        probeEveryId);
                ImportEngine.Outcome o = engine.run(paths(jobId, clinicId));
                if (!o.ok()) {
                    throw new UserFacingException("import.job.changed", o.problemCount(), o.problems().getFirst().message());
                }
                engine.analyzeWritten();
                reportEpisodes.rebuild(clinicId);
                auditLog.record(AuditLog.Action.CREATE, "import_job", jobId, summary(o, Locale.ENGLISH, "import.audit.imported"));
                jdbc.update("update import_job set status = 'DONE', rows_done = rows_total, message = ?, updated_at = current_timestamp "
                        + "where clinic_id = ? and id = ?", truncate(summary(o, locale, "import.job.imported"), MESSAGE_LENGTH), clinicId, jobId);
                return o;
            }));
        } catch (RuntimeException e) {
            fail(clinicId, jobId, new UserFacingException.Problem("import.job.stopped", UserFacingException.localized(e, locale)).in(locale));
        }
    }

    /** A run of the engine in a transaction of its own; once more, looking every id up, if its fast path met an id twice. */
    private static ImportEngine.Outcome probingIfNeeded(Function<Boolean, ImportEngine.Outcome> run) {
        try {
            return run.apply(false);
        } catch (ImportEngine.SeenTwice e) {
            return run.apply(true);
        }
    }

    private void fail(long clinicId, long jobId, String message) {
        separately.executeWithoutResult(tx -> jdbc.update("update import_job set status = 'FAILED', message = ?, updated_at = current_timestamp "
                + "where clinic_id = ? and id = ?", truncate(message, MESSAGE_LENGTH), clinicId, jobId));
    }

    private void progress(long clinicId, long jobId, long done) {
        separately.executeWithoutResult(tx -> jdbc.update("update import_job set rows_done = ?, updated_at = current_timestamp "
                + "where clinic_id = ? and id = ?", done, clinicId, jobId));
    }

    /**
     * What an import adds (or found already imported), in {@code locale}: {@code leadKey} is the clean dry run's,
     * the commit's or the audit row's sentence around the list. English keeps plain numbers (Problem.in).
     */
    static String summary(ImportEngine.Outcome o, Locale locale, String leadKey) {
        int added = o.added().values().stream().mapToInt(Integer::intValue).sum();
        int skipped = o.skipped().values().stream().mapToInt(Integer::intValue).sum();
        if (added == 0 && skipped > 0) {
            return new UserFacingException.Problem("import.job.already", skipped).in(locale);
        }
        String parts = o.added().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> new UserFacingException.Problem("import.job.kind." + e.getKey().name().toLowerCase(Locale.ROOT), e.getValue()).in(locale))
                .collect(Collectors.joining(", "));
        return new UserFacingException.Problem(leadKey, parts.isEmpty() ? new UserFacingException.Problem("import.job.nothingToAdd") : parts)
                .in(locale) + (skipped > 0 ? " " + new UserFacingException.Problem("import.job.skipped", skipped).in(locale) : "");
    }

    private Map<ImportKind, Path> paths(long jobId, long clinicId) {
        Map<ImportKind, Path> files = new EnumMap<>(ImportKind.class);
        jdbc.query("select kind, path from import_file where clinic_id = ? and job_id = ?",
                rs -> {
                    files.put(ImportKind.valueOf(rs.getString(1)), Path.of(rs.getString(2)));
                }, clinicId, jobId);
        return files;
    }

    private ImportEngine.Settings settings(long clinicId, long jobId) {
        // Names match case-insensitively, usernames before display names; the first enabled therapist and the first
        // open location (lowest id) take the rows that name none.
        Map<String, Long> therapists = new HashMap<>();
        Long firstTherapist = null;
        for (ClinicAccounts.TherapistAccount t : accounts.therapists(clinicId)) {
            therapists.putIfAbsent(t.username().toLowerCase(Locale.ROOT), t.id());
            therapists.putIfAbsent(t.displayName().toLowerCase(Locale.ROOT), t.id());
            if (firstTherapist == null && t.enabled()) {
                firstTherapist = t.id();
            }
        }
        if (firstTherapist == null) {
            throw new UserFacingException("import.job.noTherapist");
        }
        Map<String, Long> locationIds = new HashMap<>();
        Long firstLocation = null;
        for (ClinicLocations.LocationName l : locations.all(clinicId)) {
            locationIds.putIfAbsent(l.name().toLowerCase(Locale.ROOT), l.id());
            if (firstLocation == null && !l.archived()) {
                firstLocation = l.id();
            }
        }
        if (firstLocation == null) {
            throw new UserFacingException("import.job.noLocation");
        }
        return new ImportEngine.Settings(clinicId, jobId, mappings(clinicId), codeMap(clinicId), therapists, firstTherapist,
                locationIds, firstLocation);
    }

    // --- mapping and codes --------------------------------------------------------------------------------

    private Map<ImportKind, Map<String, String>> mappings(long clinicId) {
        Map<ImportKind, Map<String, String>> all = new EnumMap<>(ImportKind.class);
        jdbc.query("select kind, field, source from import_mapping where clinic_id = ?", rs -> {
            all.computeIfAbsent(ImportKind.valueOf(rs.getString(1)), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
        }, clinicId);
        return all;
    }

    /** The clinic's saved mapping for one file: field to the header that holds it (fields not listed: same name). */
    @Transactional(readOnly = true)
    public Map<String, String> mapping(ImportKind kind) {
        return mappings(user().clinicId()).getOrDefault(kind, Map.of());
    }

    /** Saves the mapping for one file; a field mapped to its own name or to nothing is removed. */
    @Transactional
    public void saveMapping(ImportKind kind, Map<String, String> mapping) {
        long clinicId = user().clinicId();
        for (String field : mapping.keySet()) {
            if (!kind.fields().contains(field)) {
                throw new UserFacingException("import.mapping.unknownField", kind.fileName(), field);
            }
        }
        jdbc.update("delete from import_mapping where clinic_id = ? and kind = ?", clinicId, kind.name());
        for (Map.Entry<String, String> m : mapping.entrySet()) {
            String source = m.getValue() == null ? "" : m.getValue().strip();
            if (!source.isEmpty() && !source.equalsIgnoreCase(m.getKey())) {
                jdbc.update("insert into import_mapping (clinic_id, kind, field, source) values (?, ?, ?, ?)", clinicId, kind.name(),
                        m.getKey(), truncate(source, 120));
            }
        }
        auditLog.record(AuditLog.Action.UPDATE, "import_mapping", kind.name(), null);
    }

    /** The header of an uploaded file (for the mapping step). */
    @Transactional(readOnly = true)
    public List<String> header(long jobId, ImportKind kind) {
        long clinicId = user().clinicId();
        Path path = paths(jobId, clinicId).get(kind);
        if (path == null) {
            return List.of();
        }
        try (CsvTable table = CsvTable.open(path)) {
            return table.header();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CsvTable.FileProblem e) {
            return List.of();
        }
    }

    /** The clinic's code table, seeded with DESIGN §10's defaults the first time it is read. */
    @Transactional
    public List<CodeRow> codes() {
        long clinicId = user().clinicId();
        seedCodes(clinicId);
        return jdbc.query("select code, factor, label from import_code where clinic_id = ? order by code",
                (rs, n) -> new CodeRow(rs.getString(1), rs.getString(2), rs.getString(3)), clinicId);
    }

    @Transactional
    public void saveCode(CodeRow row) {
        long clinicId = user().clinicId();
        String code = row.code() == null ? "" : row.code().strip().toUpperCase(Locale.ROOT);
        if (code.isEmpty() || code.length() > 40 || !code.matches("[A-Z0-9._-]+")) {
            throw new UserFacingException("import.code.invalid", String.valueOf(row.code()));
        }
        if (row.factor() != null && java.util.Arrays.stream(Factor.values()).noneMatch(f -> f.name().equals(row.factor()))) {
            throw new UserFacingException("import.code.factor", row.factor());
        }
        String label = row.label() == null || row.label().isBlank() ? code : truncate(row.label().strip(), 120);
        seedCodes(clinicId);
        jdbc.update("delete from import_code where clinic_id = ? and code = ?", clinicId, code);
        jdbc.update("insert into import_code (clinic_id, code, factor, label) values (?, ?, ?, ?)", clinicId, code, row.factor(), label);
        auditLog.record(AuditLog.Action.UPDATE, "import_code", code, "factor " + row.factor());
    }

    private void seedCodes(long clinicId) {
        Integer n = jdbc.queryForObject("select count(*) from import_code where clinic_id = ?", Integer.class, clinicId);
        if (n != null && n == 0) {
            jdbc.batchUpdate("insert into import_code (clinic_id, code, factor, label) values (?, ?, ?, ?)",
                    DEFAULT_CODES.stream().map(c -> new Object[] {clinicId, c.code(), c.factor(), c.label()}).toList());
        }
    }

    /** Code (upper case) to factor (null: none): the clinic's table over the intervention catalogue's codes. */
    private Map<String, @Nullable String> codeMap(long clinicId) {
        seedCodes(clinicId);
        Map<String, @Nullable String> codes = new LinkedHashMap<>();
        for (VisitBulk.CatalogueEntry entry : visits.catalogue(clinicId)) {
            Factor factor = entry.factor();
            codes.put(entry.code().toUpperCase(Locale.ROOT), factor == null ? null : factor.name());
        }
        jdbc.query("select code, factor from import_code where clinic_id = ?", rs -> {
            codes.put(rs.getString(1).toUpperCase(Locale.ROOT), rs.getString(2));
        }, clinicId);
        return codes;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
