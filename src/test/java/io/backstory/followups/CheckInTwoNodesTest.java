package io.backstory.followups;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.BackstoryApplication;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two app nodes (two Spring application contexts, each with its db-scheduler and its own web server) against one
 * PostgreSQL database and one SMTP server: every due check-in is emailed exactly once. Besides the scheduled job,
 * both nodes also run the outbox concurrently by hand, so enqueueing and the SKIP LOCKED claim are contended.
 */
class CheckInTwoNodesTest {

    private static final int SMTP_PORT = CheckInTestConfig.SMTP_PORT + 1;
    private static final int CHECK_INS = 150;

    @Test
    void shouldEmailEveryDueCheckInExactlyOnceWithTwoNodesOnOneDatabase() throws Exception {
        try (SmtpSink smtp = new SmtpSink(SMTP_PORT);
             ConfigurableApplicationContext a = node();
             ConfigurableApplicationContext b = node()) {
            String domain = "@two-nodes-" + System.nanoTime() + ".test";
            seed(a.getBean(JdbcClient.class), domain);

            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> runs = new ArrayList<>();
            for (ConfigurableApplicationContext node : List.of(a, b, a, b)) {
                runs.add(pool.submit(() -> {
                    CheckInOutbox outbox = node.getBean(CheckInOutbox.class);
                    for (int i = 0; i < 5; i++) {
                        outbox.runOnce();
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            pool.shutdown();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (count(smtp, domain) < CHECK_INS && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(3000);   // both schedulers run a few more times: nothing more may go out

            Map<String, Long> perRecipient = smtp.messages().stream().flatMap(m -> m.recipients().stream())
                    .filter(r -> r.endsWith(domain)).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(perRecipient).hasSize(CHECK_INS);
            assertThat(perRecipient.values()).containsOnly(1L);
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from outbox_message where recipient like ? and status = 'SENT'")
                    .param("%" + domain).query(Long.class).single()).isEqualTo(CHECK_INS);
            assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = ?").param(CheckInScheduling.TASK)
                    .query(Long.class).single()).as("one persistent schedule shared by both nodes").isOne();
        }
    }

    private static long count(SmtpSink smtp, String domain) {
        return smtp.messages().stream().flatMap(m -> m.recipients().stream()).filter(r -> r.endsWith(domain)).count();
    }

    private static ConfigurableApplicationContext node() {
        return new SpringApplicationBuilder(BackstoryApplication.class)
                .profiles("test")
                // Command-line arguments: they outrank application.properties (server.port=${PORT:8080}).
                .run("--server.port=0", "--backstory.demo.enabled=false", "--spring.mail.host=localhost",
                        "--spring.mail.port=" + SMTP_PORT, "--backstory.check-ins.enabled=true",
                        "--backstory.check-ins.interval=1s", "--backstory.check-ins.batch=20",
                        "--spring.datasource.hikari.maximum-pool-size=4");
    }

    /** A clinic of its own with {@value #CHECK_INS} consenting patients whose 1-month check-in is due today. */
    private static void seed(JdbcClient jdbc, String domain) {
        String tag = domain.substring(1, domain.length() - 5);
        jdbc.sql("insert into clinic (name) values (?)").param("Two nodes " + tag).update();
        long clinic = jdbc.sql("select max(id) from clinic").query(Long.class).single();
        jdbc.sql("insert into location (clinic_id, name) values (?, 'Main')").param(clinic).update();
        long location = jdbc.sql("select id from location where clinic_id = ?").param(clinic).query(Long.class).single();
        jdbc.sql("insert into user_account (clinic_id, username, display_name, password_hash) values (?, ?, 'T', 'x')")
                .params(clinic, "t-" + tag).update();
        long therapist = jdbc.sql("select id from user_account where clinic_id = ?").param(clinic).query(Long.class).single();
        LocalDate today = LocalDate.now();
        for (int i = 0; i < CHECK_INS; i++) {
            jdbc.sql("insert into patient (clinic_id, first_name, last_name, date_of_birth, sex, email, consent_follow_up) "
                    + "values (?, 'P', ?, date '1970-01-01', 'F', ?, true)").params(clinic, "N" + i, "p" + i + domain).update();
            long patient = jdbc.sql("select max(id) from patient where clinic_id = ?").param(clinic).query(Long.class).single();
            jdbc.sql("insert into episode (clinic_id, patient_id, therapist_id, location_id, start_date, discharge_date, "
                            + "discharge_reason, chronicity) values (?, ?, ?, ?, ?, ?, 'GOALS_MET', 'ACUTE')")
                    .params(clinic, patient, therapist, location, today.minusMonths(2), today.minusMonths(1)).update();
            long episode = jdbc.sql("select max(id) from episode where clinic_id = ?").param(clinic).query(Long.class).single();
            jdbc.sql("insert into follow_up (clinic_id, episode_id, months_after, due_date) values (?, ?, 1, ?)")
                    .params(clinic, episode, today).update();
        }
    }
}
