package io.backstory.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.BackstoryTest;
import io.backstory.analytics.AnalysisEpisode;
import io.backstory.analytics.AnalysisReport;
import io.backstory.analytics.RecurrenceAnalysis;
import io.backstory.clinic.ClinicService;
import io.backstory.clinic.ClinicSummary;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The owner report from PostgreSQL for a large clinic, SQL and analysis timed separately (DESIGN §6:
 * 100,000 episodes under 1 s warm). Data are generated inside PostgreSQL with generate_series, so
 * loading is not what is measured. Run: {@code ./mvnw -Pbench test -Dtest=ReportBenchmark}
 * (episodes: {@code -Dbench.episodes=1000000}). Prints figures; asserts nothing about time.
 */
@Tag("bench")
@BackstoryTest
class ReportBenchmark {

    private static final int EPISODES = Integer.getInteger("bench.episodes", 100_000);
    private static final int RUNS = 5;

    @Autowired
    ClinicService clinics;
    @Autowired
    ReportDataset dataset;
    @Autowired
    RecurrenceReportService reports;
    @Autowired
    ReportEpisodes reportEpisodes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void shouldTimeTheReportForALargeClinic() {
        System.out.printf(Locale.ROOT, "[bench] load average before: %s%n", loadAverage());
        long started = System.nanoTime();
        double cpu = cpuSeconds();
        long clinicId = generate(EPISODES);
        System.out.printf(Locale.ROOT, "[bench] generated %,d episodes in PostgreSQL in %.1f s (CPU %.1f s)%n", EPISODES,
                (System.nanoTime() - started) / 1e9, cpuSeconds() - cpu);
        started = System.nanoTime();
        cpu = cpuSeconds();
        int summarised = transactions.execute(status -> reportEpisodes.rebuild(clinicId));
        System.out.printf(Locale.ROOT, "[bench] built the per-episode aggregate (%,d rows, one statement) in %.1f s (CPU %.1f s)%n",
                summarised, (System.nanoTime() - started) / 1e9, cpuSeconds() - cpu);
        jdbc.sql("analyze").update();

        double[] sql = new double[RUNS];
        double[] analysis = new double[RUNS];
        double[] total = new double[RUNS];
        double[] version = new double[RUNS];
        double[] totalCpu = new double[RUNS];
        List<AnalysisEpisode> episodes = List.of();
        for (int run = -1; run < RUNS; run++) {
            List<Integer> backends = backends();
            long t0 = System.nanoTime();
            List<EpisodeRow> rows = dataset.load(clinicId, ReportFilter.all(), 30);
            long t1 = System.nanoTime();
            episodes = rows.stream().map(EpisodeRow::episode).toList();
            AnalysisReport report = RecurrenceAnalysis.withDefaults().analyze(episodes);
            long t2 = System.nanoTime();
            double cpuStart = cpuSeconds(backends);
            reports.compute(clinicId, ReportFilter.all(), "bench-" + run);
            double cpuAfter = cpuSeconds(backends);
            long t3 = System.nanoTime();
            dataset.dataVersion(clinicId);
            long t4 = System.nanoTime();
            assertThat(report.n()).isEqualTo(EPISODES);
            if (run >= 0) {
                sql[run] = (t1 - t0) / 1e6;
                analysis[run] = (t2 - t1) / 1e6;
                total[run] = (t3 - t2) / 1e6;
                version[run] = (t4 - t3) / 1e6;
                totalCpu[run] = (cpuAfter - cpuStart) * 1e3;
            }
        }
        System.out.printf(Locale.ROOT, "[bench] %,d episodes, %d warm runs (median ms): dataset SQL %.0f, analysis %.0f, "
                        + "full report (SQL + analysis + descriptive tables) %.0f (CPU %.0f); data-version check (a cached report) %.1f%n",
                EPISODES, RUNS, median(sql), median(analysis), median(total), median(totalCpu), median(version));
        System.out.printf(Locale.ROOT, "[bench] load average after: %s%n", loadAverage());
    }

    /**
     * CPU seconds used so far by this JVM and by the PostgreSQL backends connected to the test database (read
     * from /proc: PostgreSQL runs on this host in the benchmark setup). On a shared machine wall time grows with
     * the others' load; CPU time is the work this benchmark itself did. NaN where /proc is not readable.
     */
    private double cpuSeconds() {
        return cpuSeconds(backends());
    }

    private List<Integer> backends() {
        return jdbc.sql("select pid from pg_stat_activity where datname = current_database()").query(Integer.class).list();
    }

    /** As {@link #cpuSeconds()} for backends listed before (the pool keeps its connections), so a timed phase runs no extra query. */
    private static double cpuSeconds(List<Integer> backends) {
        double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        double database = 0;
        for (int pid : backends) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                database += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime in clock ticks (USER_HZ = 100)
            } catch (java.io.IOException | RuntimeException e) {
                return Double.NaN;
            }
        }
        return jvm + database;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private long generate(int n) {
        ClinicSummary clinic = clinics.createClinic("Bench " + UUID.randomUUID(), List.of("North", "South", "East"));
        long id = clinic.id();
        long[] locations = clinic.locations().stream().mapToLong(ClinicSummary.LocationSummary::id).toArray();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select setseed(0.20261128)::text").query(String.class).single();
            jdbc.sql("""
                    insert into user_account (clinic_id, username, display_name, password_hash)
                    select ?, 'bench-' || ? || '-' || g, 'Therapist ' || g, 'x' from generate_series(1, 20) g
                    """).params(id, id).update();
            jdbc.sql("insert into user_role (user_account_id, clinic_id, role) select id, clinic_id, 'THERAPIST' from user_account where clinic_id = ?")
                    .param(id).update();
            jdbc.sql("""
                    insert into patient (clinic_id, first_name, last_name, date_of_birth, sex)
                    select ?, 'P', 'Bench' || g, date '1950-01-01' + (random() * 18000)::int,
                           (array['F', 'M', 'X'])[1 + floor(random() * 3)::int]
                      from generate_series(1, ?) g
                    """).params(id, n).update();
            jdbc.sql("""
                    with t as (select id, row_number() over (order by id) - 1 as k from user_account where clinic_id = ?)
                    insert into episode (clinic_id, patient_id, therapist_id, location_id, start_date, discharge_date,
                                         discharge_reason, chronicity, prior_episodes)
                    select s.clinic_id, s.id, t.id, (array[?, ?, ?]::bigint[])[1 + (s.id % 3)], s.start_date,
                           s.start_date + 20 + (random() * 60)::int, 'GOALS_MET',
                           (array['ACUTE', 'SUBACUTE', 'CHRONIC'])[1 + floor(random() * 3)::int], (random() * 4)::int
                      from (select p.id, p.clinic_id, date '2023-01-01' + (random() * 900)::int as start_date
                              from patient p where p.clinic_id = ?) s
                      join t on t.k = s.id % 20
                    """).params(id, locations[0], locations[1], locations[2], id).update();
            jdbc.sql("""
                    insert into visit (clinic_id, episode_id, visit_date, therapist_id, minutes, nprs)
                    select e.clinic_id, e.id, e.start_date + g * 7, e.therapist_id, 45, (random() * 10)::int
                      from episode e cross join generate_series(0, 5) g where e.clinic_id = ?
                    """).param(id).update();
            jdbc.sql("""
                    update visit set factor_movement = random() < 0.25, factor_mobility = random() < 0.25,
                                     factor_strength = random() < 0.25, factor_recovery = random() < 0.25,
                                     factor_beliefs = random() < 0.25
                     where clinic_id = ?
                    """).param(id).update();
            jdbc.sql("""
                    insert into measure (clinic_id, episode_id, instrument, timepoint, recorded_on, score, category)
                    select e.clinic_id, e.id, m.instrument, 'BASELINE', e.start_date,
                           case m.instrument when 'NPRS' then (random() * 10)::int when 'ODI' then (random() * 80)::int
                                             when 'FABQ' then (random() * 24)::int else (random() * 9)::int end,
                           case when m.instrument = 'STARTBACK' then (array['low', 'medium', 'high'])[1 + floor(random() * 3)::int] end
                      from episode e cross join (values ('NPRS'), ('ODI'), ('FABQ'), ('STARTBACK')) m(instrument)
                     where e.clinic_id = ?
                    """).param(id).update();
            jdbc.sql("""
                    insert into follow_up (clinic_id, episode_id, months_after, due_date, status, completed_on, reached, pain_free)
                    select e.clinic_id, e.id, m, e.discharge_date + (m * 365 / 12), 'COMPLETED', e.discharge_date + (m * 365 / 12), true, true
                      from episode e cross join (values (1), (3), (6), (12)) months(m)
                     where e.clinic_id = ? and (m < 12 or random() < 0.85)
                    """).param(id).update();
            jdbc.sql("""
                    insert into recurrence (clinic_id, episode_id, onset_date, intensity, care_sought, source)
                    select e.clinic_id, e.id, e.discharge_date + 1 + (random() * 364)::int, 4, false, 'FOLLOW_UP'
                      from episode e where e.clinic_id = ? and random() < 0.4
                    """).param(id).update();
        });
        return id;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
