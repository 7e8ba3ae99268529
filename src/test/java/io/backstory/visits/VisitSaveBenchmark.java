package io.backstory.visits;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.BackstoryTest;
import io.backstory.TestSecurity;
import io.backstory.security.CurrentUser;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * DESIGN §6: saving a visit, p95 under 50 ms server-side with 100 concurrent therapists. 100 threads, each signed
 * in as one of the demo clinic's therapists, log visits on random episodes of the clinic (open ones and discharged
 * ones, whose report row is refreshed in the same transaction). Server-side time = the {@code VisitService.log}
 * call: connection-pool wait, validation, inserts, audit row, the report aggregate, commit. Episodes are picked
 * uniformly, so most saves land on discharged episodes and refresh their report row (the costlier path; in a
 * real clinic most visits belong to episodes in care). Three loads: therapists who pause 10–30 s between saves
 * (busy), 0.5–1.5 s (stress: 100 saves a second) and not at all (saturation). Run:
 * {@code ./mvnw -Pbench test -Dtest=VisitSaveBenchmark} ({@code -Dbench.seconds=20}). Prints figures; asserts
 * only that the report's aggregate stayed correct.
 */
@Tag("bench")
@BackstoryTest
class VisitSaveBenchmark {

    private static final int THERAPISTS = 100;
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final int BUSY_SECONDS = Integer.getInteger("bench.busySeconds", 60);
    private static final int WARM_UP_SECONDS = 5;
    private static final String[] ACCOUNTS = {"therapist", "priya.shah", "jonas.berg", "amara.okafor", "lucia.romero", "owen.hughes"};

    @Autowired
    VisitService visits;
    @Autowired
    TestSecurity security;
    @Autowired
    CurrentUser currentUser;
    @Autowired
    JdbcClient jdbc;
    @Value("${spring.datasource.hikari.maximum-pool-size:10}")
    int poolSize;

    private record Target(long id, LocalDate start, LocalDate last, boolean discharged) {
    }

    @Test
    void shouldTimeVisitSavesByAHundredTherapists() throws Exception {
        List<Target> targets = jdbc.sql("""
                        select id, start_date, coalesce(discharge_date, current_date), discharge_date is not null
                          from episode where clinic_id = (select clinic_id from user_account where username = 'therapist')""")
                .query((rs, n) -> new Target(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class), rs.getBoolean(4)))
                .list();
        long discharged = targets.stream().filter(Target::discharged).count();
        System.out.printf(Locale.ROOT, "[bench] %d CPUs, connection pool %d, %d therapists on %d episodes (%d discharged, %d in care)%n",
                Runtime.getRuntime().availableProcessors(), poolSize, THERAPISTS, targets.size(), discharged, targets.size() - discharged);
        Set<Long> touched = ConcurrentHashMap.newKeySet();

        run("warm-up", targets, touched, WARM_UP_SECONDS, 0, 0);
        // A therapist logs a visit in under 30 s (DESIGN §5): one save every 10-30 s each is a clinic chain at full tilt.
        run("busy: 10-30 s between saves", targets, touched, BUSY_SECONDS, 10_000, 30_000);
        run("stress: 0.5-1.5 s between saves", targets, touched, SECONDS, 500, 1500);
        run("saturation: no pause between saves", targets, touched, SECONDS, 0, 0);

        // The report's per-episode aggregate must have counted every visit saved concurrently.
        for (long episode : touched) {
            Integer aggregated = jdbc.sql("select visits from report_episode where episode_id = ?").param(episode)
                    .query(Integer.class).optional().orElse(null);
            if (aggregated != null) {
                assertThat(aggregated).as("episode %d", episode)
                        .isEqualTo(jdbc.sql("select count(*) from visit where episode_id = ?").param(episode).query(Integer.class).single());
            }
        }
    }

    private void run(String label, List<Target> targets, Set<Long> touched, int seconds, int minPauseMs, int maxPauseMs)
            throws InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> latencies = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(THERAPISTS);
        for (int t = 0; t < THERAPISTS; t++) {
            String account = ACCOUNTS[t % ACCOUNTS.length];
            long[] mine = new long[20_000];
            latencies.add(mine);
            Thread.ofPlatform().name("therapist-" + t).start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int count = 0;
                try {
                    security.signInAs(account);
                    long me = currentUser.require().userId();
                    if (maxPauseMs > 0) {
                        Thread.sleep(random.nextInt(maxPauseMs)); // therapists do not all start at the same instant
                    }
                    while (System.nanoTime() < until && count < mine.length - 1) {
                        Target target = targets.get(random.nextInt(targets.size()));
                        long span = Math.max(0, target.last().toEpochDay() - target.start().toEpochDay());
                        LocalDate date = target.start().plusDays(random.nextLong(span + 1));
                        Set<Factor> factors = EnumSet.noneOf(Factor.class);
                        for (Factor f : Factor.values()) {
                            if (random.nextInt(4) == 0) {
                                factors.add(f);
                            }
                        }
                        VisitCommand command = new VisitCommand(target.id(), date, me, 30, random.nextInt(11), null, factors, Set.of());
                        long t0 = System.nanoTime();
                        visits.log(command);
                        mine[++count] = System.nanoTime() - t0;
                        touched.add(target.id());
                        if (maxPauseMs > 0) {
                            Thread.sleep(random.nextInt(minPauseMs, maxPauseMs + 1));
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    mine[0] = count;
                    security.signOut();
                    done.countDown();
                }
            });
        }
        done.await();
        if (failure.get() != null) {
            throw new AssertionError("a save failed", failure.get());
        }
        long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l, 1, 1 + (int) l[0])).sorted().toArray();
        System.out.printf(Locale.ROOT, "[bench] %s: %,d saves in %d s (%.0f/s); server-side ms p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n",
                label, all.length, seconds, (double) all.length / seconds,
                percentile(all, 0.50), percentile(all, 0.95), percentile(all, 0.99), all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
