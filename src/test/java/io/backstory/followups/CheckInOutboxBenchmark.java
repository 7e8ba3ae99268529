package io.backstory.followups;

import io.backstory.TestSecurity;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * DESIGN §9 / issue 12: 10,000 check-ins falling due on one day, queued (a link and an outbox row each) and handed to
 * a local SMTP server (the in-process sink, over TCP) by one run of the job, against PostgreSQL. Prints the figures
 * for docs/performance.md; asserts nothing about time. {@code ./mvnw -Pbench test -Dtest=CheckInOutboxBenchmark}
 */
@Tag("bench")
@CheckInTest
class CheckInOutboxBenchmark {

    private static final int CHECK_INS = 10_000;

    @Autowired CheckInOutbox outbox;
    @Autowired JdbcClient jdbc;
    @Autowired JdbcTemplate template;
    @Autowired SmtpSink smtp;
    @Autowired TestSecurity security;

    @Test
    void queueAndSendTenThousandDueCheckIns() {
        security.signOut();
        String domain = "@bench-" + System.nanoTime() + ".test";
        // Whatever the demo data has due goes first, so the timed run is only the bench's. (Before the seed: run after
        // it, this took the bench's 10,000 check-ins too and the timed run queued 0.)
        outbox.runOnce();
        seed(domain);
        // A clinic's tables grow over months and autovacuum keeps their statistics; 10,000 rows inserted a moment ago
        // have none, and the planner then nests loops over them (the reminder query took 323 s on unanalysed tables).
        template.execute("analyze patient");
        template.execute("analyze episode");
        template.execute("analyze follow_up");
        long before = count(domain);

        long t0 = System.nanoTime();
        long c0 = processCpuNanos();
        int queued = outbox.enqueueDue();
        long t1 = System.nanoTime();
        long c1 = processCpuNanos();
        int delivered = 0;
        int claimed;
        while ((claimed = outbox.deliverDue()) > 0) {
            delivered += claimed;
        }
        long t2 = System.nanoTime();
        long c2 = processCpuNanos();

        System.out.printf("CheckInOutboxBenchmark: %,d due check-ins; queued %,d (links + outbox rows) in %.1f s (JVM CPU %.1f s); "
                        + "handed %,d messages to SMTP in %.1f s (JVM CPU %.1f s); total %.1f s wall, %.1f s JVM CPU; "
                        + "SMTP server received %,d for the bench; %d cores, load average %.1f%n",
                CHECK_INS, queued, (t1 - t0) / 1e9, (c1 - c0) / 1e9, delivered, (t2 - t1) / 1e9, (c2 - c1) / 1e9,
                (t2 - t0) / 1e9, (c2 - c0) / 1e9, count(domain) - before, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * CPU time of this JVM (app, JDBC driver and the in-process SMTP sink; PostgreSQL's own CPU is not in it): on a
     * shared, loaded machine the wall time says little on its own.
     */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private long count(String domain) {
        return smtp.messages().stream().flatMap(m -> m.recipients().stream()).filter(r -> r.endsWith(domain)).count();
    }

    private void seed(String domain) {
        long clinic = jdbc.sql("select min(id) from clinic").query(Long.class).single();
        long location = jdbc.sql("select min(id) from location where clinic_id = ?").param(clinic).query(Long.class).single();
        long therapist = jdbc.sql("select min(id) from user_account where clinic_id = ?").param(clinic).query(Long.class).single();
        LocalDate today = LocalDate.now();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < CHECK_INS; i++) {
            rows.add(new Object[] {clinic, "Bench" + i, "b" + i + domain});
        }
        template.batchUpdate("insert into patient (clinic_id, first_name, last_name, date_of_birth, sex, email, consent_follow_up) "
                + "values (?, 'Pat', ?, date '1970-01-01', 'F', ?, true)", rows);
        template.update("""
                insert into episode (clinic_id, patient_id, therapist_id, location_id, start_date, discharge_date,
                                     discharge_reason, chronicity)
                select clinic_id, id, ?, ?, ?, ?, 'GOALS_MET', 'ACUTE' from patient where clinic_id = ? and email like ?""",
                therapist, location, java.sql.Date.valueOf(today.minusMonths(2)), java.sql.Date.valueOf(today.minusMonths(1)),
                clinic, "%" + domain);
        template.update("""
                insert into follow_up (clinic_id, episode_id, months_after, due_date)
                select e.clinic_id, e.id, 1, ? from episode e join patient p on p.id = e.patient_id
                where p.clinic_id = ? and p.email like ?""", java.sql.Date.valueOf(today), clinic, "%" + domain);
    }
}
