package io.backstory.importexport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.BackstoryTest;
import io.backstory.TestSecurity;
import io.backstory.clinic.ClinicLocations;
import io.backstory.clinic.ClinicService;
import io.backstory.followups.FollowUpBulk;
import io.backstory.reports.ReportEpisodes;
import io.backstory.security.AuditLog;
import io.backstory.security.ClinicAccounts;
import io.backstory.security.CurrentUser;
import io.backstory.security.Role;
import io.backstory.security.UserAccountService;
import io.backstory.visits.VisitBulk;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;

/**
 * Issue 13's import figures (docs/performance.md), against PostgreSQL; prints them, asserts only that the work
 * was done and the heap held. {@code ./mvnw -Pbench test -Dtest=ImportBenchmark} (-Xmx1g, the bench profile).
 *
 * <ul>
 * <li>1,000,000 visit rows (100,000 episodes, 10 visits each, codes on every visit): the dry run and the
 *     commit, against a plain PostgreSQL {@code COPY ... FROM STDIN (FORMAT csv)} of the same file into an
 *     unindexed table of the same columns; wall time, the JVM's CPU and the PostgreSQL backends' CPU.</li>
 * <li>a 1 GB visits file, generated while it is uploaded (never in memory): the upload limit refuses it with a
 *     message, and under the limit its dry run streams through it in a 1 GiB heap.</li>
 * </ul>
 */
@Tag("bench")
@BackstoryTest
class ImportBenchmark {

    private static final int EPISODES = Integer.getInteger("bench.episodes", 100_000);
    private static final int VISITS_PER_EPISODE = 10;
    private static final Path DIR = Path.of("target", "bench", "import");
    /** A visit row as the import writes it (the factors addressed are five columns of it, V19_1). */
    private static final String VISIT_COLUMNS = "id, clinic_id, episode_id, visit_date, therapist_id, minutes, nprs, note, "
            + "factor_movement, factor_mobility, factor_strength, factor_recovery, factor_beliefs";

    @Autowired ImportService imports;
    @Autowired UserAccountService accounts;
    @Autowired ClinicService clinics;
    @Autowired TestSecurity security;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired CurrentUser currentUser;
    @Autowired AuditLog auditLog;
    @Autowired ReportEpisodes reportEpisodes;
    @Autowired ClinicAccounts clinicAccounts;
    @Autowired ClinicLocations clinicLocations;
    @Autowired VisitBulk visitBulk;
    @Autowired FollowUpBulk followUpBulk;
    @Autowired PlatformTransactionManager transactions;
    @Autowired Clock clock;

    @Test
    void importAMillionVisitRowsAgainstPlainCopy() throws Exception {
        long clinicId = newClinic();
        Files.createDirectories(DIR);
        Path patients = DIR.resolve("patients.csv");
        Path episodes = DIR.resolve("episodes.csv");
        Path visits = DIR.resolve("visits.csv");
        generate(patients, episodes, visits);
        System.out.printf("ImportBenchmark: files %s (%,d bytes, %,d visit rows)%n", visits, Files.size(visits), EPISODES * VISITS_PER_EPISODE);

        Measure head = Measure.start(jdbc);
        ImportJob first = run(Map.of("patients.csv", patients, "episodes.csv", episodes));
        System.out.printf("ImportBenchmark: patients + episodes (%,d + %,d rows), dry run and commit: %s — %s%n", EPISODES / 2, EPISODES,
                head.stop(jdbc), first.message());

        resetPeaks();
        ImportJob job = upload(Map.of("visits.csv", visits));
        Measure dry = Measure.start(jdbc);
        ImportJob checked = await(imports.startCheck(job.id()).id());
        String dryFigures = dry.stop(jdbc);
        assertThat(checked.status()).as(checked.message()).isEqualTo(ImportJob.Status.CHECKED);
        Measure commit = Measure.start(jdbc);
        ImportJob done = await(imports.startCommit(job.id()).id());
        String commitFigures = commit.stop(jdbc);
        assertThat(done.status()).as(done.message()).isEqualTo(ImportJob.Status.DONE);
        long heap = peakHeap();
        System.out.printf("ImportBenchmark: visits dry run: %s; commit: %s%n", dryFigures, commitFigures); // before anything else can fail
        Measure rebuild = Measure.start(jdbc);
        new org.springframework.transaction.support.TransactionTemplate(transactions)
                .executeWithoutResult(tx -> reportEpisodes.rebuild(clinicId)); // it requires the caller's transaction
        String rebuildFigures = rebuild.stop(jdbc);
        int imported = jdbc.sql("select count(*) from visit where clinic_id = ?").param(clinicId).query(Integer.class).single();
        assertThat(imported).isEqualTo(EPISODES * VISITS_PER_EPISODE);

        // Baseline 1, the literal one: the CSV file as it is, COPY into an unindexed table of its columns.
        jdbc.sql("drop table if exists bench_visit_copy").update();
        jdbc.sql("""
                create table bench_visit_copy (visit_id varchar(64), episode_id varchar(64), visit_date date, therapist varchar(120),
                                               minutes integer, nprs integer, codes varchar(200), note varchar(2000))""").update();
        Measure copy = Measure.start(jdbc);
        long copied;
        try (Connection con = dataSource.getConnection(); InputStream in = Files.newInputStream(visits)) {
            copied = con.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench_visit_copy from stdin (format csv, header true)", in);
        }
        String copyFigures = copy.stop(jdbc);
        jdbc.sql("drop table bench_visit_copy").update();
        assertThat(copied).isEqualTo(EPISODES * VISITS_PER_EPISODE);

        // Baseline 2, the fair one (the target is measured against it): the same visits as the import wrote them (ids
        // resolved), COPY into a table shaped like visit, with its indexes, checks and both foreign keys.
        Path resolved = DIR.resolve("visit-rows.txt");
        Path externalRows = DIR.resolve("external-id-rows.txt");
        copyOut("copy (select " + VISIT_COLUMNS + " from visit where clinic_id = " + clinicId + " order by id) to stdout", resolved);
        copyOut("copy (select clinic_id, kind, external_id, local_id, job_id from import_external_id where clinic_id = " + clinicId
                + " and kind = 'VISITS') to stdout", externalRows);
        jdbc.sql("drop table if exists bench_external_copy, bench_visit_real").update();
        jdbc.sql("create table bench_visit_real (like visit including defaults including constraints including indexes)").update();
        jdbc.sql("""
                alter table bench_visit_real add foreign key (clinic_id, episode_id) references episode (clinic_id, id),
                                             add foreign key (clinic_id, therapist_id) references user_account (clinic_id, id)""").update();
        Measure real = Measure.start(jdbc);
        long realRows = copyIn("copy bench_visit_real (" + VISIT_COLUMNS + ") from stdin", resolved);
        String realFigures = real.stop(jdbc);
        assertThat(realRows).isEqualTo(EPISODES * VISITS_PER_EPISODE);

        // Baseline 3, for the analysis only: everything the import writes per visit row (the visit with its factor columns,
        // and its external id) into tables shaped like the real two; the import's own work is what it costs beyond this.
        jdbc.sql("create table bench_external_copy (like import_external_id including defaults including constraints including indexes)")
                .update();
        jdbc.sql("truncate bench_visit_real cascade").update();
        Measure all = Measure.start(jdbc);
        copyIn("copy bench_visit_real (" + VISIT_COLUMNS + ") from stdin", resolved);
        copyIn("copy bench_external_copy (clinic_id, kind, external_id, local_id, job_id) from stdin", externalRows);
        String allFigures = all.stop(jdbc);
        jdbc.sql("drop table bench_external_copy, bench_visit_real").update();
        for (Path f : List.of(resolved, externalRows)) {
            Files.delete(f);
        }

        System.out.printf("ImportBenchmark: %,d visit rows, dry run: %s%n", imported, dryFigures);
        System.out.printf("ImportBenchmark: %,d visit rows, commit:  %s (of which the report aggregate rebuild, timed again alone: %s)%n",
                imported, commitFigures, rebuildFigures);
        System.out.printf("ImportBenchmark: %,d visit rows, plain COPY (csv, unindexed table): %s%n", copied, copyFigures);
        System.out.printf("ImportBenchmark: %,d visit rows, COPY of the resolved rows into a visit-shaped table (indexes, foreign keys): %s%n",
                realRows, realFigures);
        System.out.printf("ImportBenchmark: %,d visit + %,d import_external_id rows, COPY into tables shaped like those "
                + "(indexes, foreign keys): %s%n", realRows, realRows, allFigures);
        System.out.printf("ImportBenchmark: commit / COPY visit-shaped: wall %.2f, CPU (JVM + PostgreSQL) %.2f (target <= 2); dry run / COPY "
                        + "visit-shaped: wall %.2f, CPU %.2f; commit / plain COPY: wall %.2f, CPU %.2f; commit / COPY of both tables: "
                        + "wall %.2f, CPU %.2f%n", commit.wallMs() / real.wallMs(), commit.cpuMs() / real.cpuMs(), dry.wallMs() / real.wallMs(),
                dry.cpuMs() / real.cpuMs(), commit.wallMs() / copy.wallMs(), commit.cpuMs() / copy.cpuMs(), commit.wallMs() / all.wallMs(),
                commit.cpuMs() / all.cpuMs());
        System.out.printf("ImportBenchmark: peak heap during the visit import (sum of heap pool peaks, an upper bound) %,d MiB of %,d MiB; "
                + "load average at the end: %s%n", heap >> 20, Runtime.getRuntime().maxMemory() >> 20, loadAverage());
        System.out.println("ImportBenchmark: " + done.message());
    }

    private long copyIn(String sql, Path file) throws Exception {
        try (Connection con = dataSource.getConnection(); InputStream in = Files.newInputStream(file)) {
            return con.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in);
        }
    }

    private void copyOut(String sql, Path file) throws Exception {
        try (Connection con = dataSource.getConnection(); java.io.OutputStream out = Files.newOutputStream(file)) {
            con.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Test
    void aOneGigabyteFileIsStreamedAndTheUploadLimitSaysSo() throws Exception {
        newClinic();
        long gigabyte = 1L << 30;
        ImportService limited = new ImportService(dataSource, currentUser, auditLog, reportEpisodes, clinicAccounts, clinicLocations, visitBulk, followUpBulk, transactions, DIR.resolve("uploads"),
                DataSize.ofMegabytes(512), clock);
        assertThatThrownBy(() -> limited.upload(Map.of("visits.csv", new GeneratedVisits(gigabyte))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("visits.csv: larger than the upload limit of 512 MB (backstory.import.max-file-size)");
        System.out.println("ImportBenchmark: a 1 GiB upload over a 512 MB limit: refused with the message above, the partial file deleted");

        resetPeaks();
        long t0 = System.nanoTime();
        ImportJob job = imports.upload(Map.of("visits.csv", new GeneratedVisits(gigabyte)));
        long t1 = System.nanoTime();
        ImportJob checked = await(imports.startCheck(job.id()).id());
        long t2 = System.nanoTime();
        long heap = peakHeap();
        assertThat(checked.status()).isEqualTo(ImportJob.Status.INVALID);
        assertThat(checked.message()).contains("problems found (the first 1000 listed)");
        assertThat(heap).isLessThan(Runtime.getRuntime().maxMemory());
        System.out.printf("ImportBenchmark: 1 GiB visits file (%,d rows, each with a 2,100-character note): upload %.1f s, dry run %.1f s; "
                        + "%s; peak heap %,d MiB of %,d MiB%n", checked.rowsTotal(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, checked.message(),
                heap >> 20, Runtime.getRuntime().maxMemory() >> 20);
        for (String path : jdbc.sql("select path from import_file where job_id = ?").param(job.id()).query(String.class).list()) {
            Files.deleteIfExists(Path.of(path)); // 1 GB is not left behind
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private long newClinic() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long clinicId = clinics.createClinic("Import bench " + suffix, List.of("Riverside")).id();
        accounts.createFirstUsers(clinicId, List.of(
                new UserAccountService.NewUser("ib-" + suffix, "Bench Admin", "correct horse battery", Set.of(Role.ADMIN)),
                new UserAccountService.NewUser("ibt-" + suffix, "Theo Marsh", "correct horse battery", Set.of(Role.THERAPIST))));
        security.signInAs("ib-" + suffix);
        return clinicId;
    }

    private static void generate(Path patients, Path episodes, Path visits) throws IOException {
        LocalDate start = LocalDate.of(2020, 1, 6);
        String[] codes = {"97112|97110", "97140|97010", "97112|PNE|97530", "97110|97535", "97140", "97035|97124"};
        try (Writer p = writer(patients); Writer e = writer(episodes); Writer v = writer(visits)) {
            p.write("patient_id,first_name,last_name,date_of_birth,sex,phone,email,consent_follow_up\n");
            e.write("episode_id,patient_id,therapist,location,start_date,discharge_date,discharge_reason,chronicity,prior_episodes\n");
            v.write("visit_id,episode_id,visit_date,therapist,minutes,nprs,codes,note\n");
            for (int i = 0; i < EPISODES / 2; i++) {
                p.write("P-" + i + ",Pat" + i + ",Bench" + i + "," + LocalDate.of(1950 + i % 50, 1 + i % 12, 1 + i % 28) + ","
                        + (i % 2 == 0 ? "F" : "M") + ",,,yes\n");
            }
            for (int i = 0; i < EPISODES; i++) {
                LocalDate s = start.plusDays(i % 1500);
                e.write("E-" + i + ",P-" + i / 2 + ",Theo Marsh,Riverside," + s + "," + s.plusDays(7L * VISITS_PER_EPISODE) + ",GOALS_MET,"
                        + (i % 3 == 0 ? "ACUTE" : i % 3 == 1 ? "SUBACUTE" : "CHRONIC") + "," + i % 4 + "\n");
                for (int k = 0; k < VISITS_PER_EPISODE; k++) {
                    v.write("V-" + i + "-" + k + ",E-" + i + "," + s.plusDays(7L * k) + ",Theo Marsh," + (k == 0 ? 45 : 30) + ","
                            + Math.max(0, 7 - k) + "," + codes[(i + k) % codes.length] + ",\n");
                }
            }
        }
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }

    private ImportJob upload(Map<String, Path> files) throws IOException {
        Map<String, InputStream> streams = new LinkedHashMap<>();
        for (Map.Entry<String, Path> f : files.entrySet()) {
            streams.put(f.getKey(), Files.newInputStream(f.getValue()));
        }
        return imports.upload(streams);
    }

    private ImportJob run(Map<String, Path> files) throws Exception {
        ImportJob job = upload(files);
        ImportJob checked = await(imports.startCheck(job.id()).id());
        assertThat(checked.status()).as(checked.message()).isEqualTo(ImportJob.Status.CHECKED);
        ImportJob done = await(imports.startCommit(job.id()).id());
        assertThat(done.status()).as(done.message()).isEqualTo(ImportJob.Status.DONE);
        return done;
    }

    private ImportJob await(long jobId) throws InterruptedException {
        // the poll (a job read, like the progress bar's) costs CPU on both sides: not too often
        return ImportJobs.await(imports, jobId, Duration.ofMillis(250), Duration.ofDays(1));
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** Wall time, this JVM's CPU time and the CPU time of this database's PostgreSQL backends (same host, /proc). */
    private record Measure(long wall0, long cpu0, long pg0, double[] out) {
        double wallMs() {
            return out[0];
        }

        /** the JVM's and the PostgreSQL backends' CPU time together */
        double cpuMs() {
            return out[1];
        }

        static Measure start(JdbcClient jdbc) {
            // Every step starts from a checkpoint: the WAL of the step before (a million rows) is flushed first, not
            // during the step measured, which made one COPY baseline take 15 s in one run and 22 s in the next.
            jdbc.sql("checkpoint").update();
            return new Measure(System.nanoTime(), jvmCpu(), pgCpu(jdbc), new double[2]);
        }

        String stop(JdbcClient jdbc) {
            out[0] = (System.nanoTime() - wall0) / 1e6;
            double jvm = (jvmCpu() - cpu0) / 1e6;
            double pg = (pgCpu(jdbc) - pg0) * 10.0;
            out[1] = jvm + pg;
            return String.format("wall %,.0f ms, JVM CPU %,.0f ms, PostgreSQL backends CPU %,.0f ms", out[0], jvm, pg);
        }

        private static long jvmCpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        /** utime + stime in clock ticks (1/100 s) of the backends connected to this database. */
        private static long pgCpu(JdbcClient jdbc) {
            long ticks = 0;
            for (Integer pid : jdbc.sql("select pid from pg_stat_activity where datname = current_database()").query(Integer.class).list()) {
                try {
                    String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (IOException | RuntimeException e) {
                    // a backend that ended meanwhile, or no /proc: counted as 0
                }
            }
            return ticks;
        }
    }

    /** A visits.csv of {@code size} bytes made while it is read: valid columns, a 2,100-character note (too long) on every row. */
    static final class GeneratedVisits extends InputStream {
        private final long size;
        private long produced;
        private byte[] chunk = "visit_id,episode_id,visit_date,therapist,minutes,nprs,codes,note\n".getBytes(StandardCharsets.US_ASCII);
        private int at;
        private long row;
        private static final String NOTE = "n".repeat(2_100);

        GeneratedVisits(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (produced >= size) {
                return -1;
            }
            if (at == chunk.length) {
                chunk = ("V-" + row + ",E-" + row / 10 + ",2025-01-06,Theo Marsh,30,5,97112," + NOTE + "\n").getBytes(StandardCharsets.US_ASCII);
                row++;
                at = 0;
            }
            int n = (int) Math.min(Math.min(len, chunk.length - at), size - produced);
            System.arraycopy(chunk, at, b, off, n);
            at += n;
            produced += n;
            return n;
        }
    }
}
