package io.backstory;

import static io.backstory.TestDatabaseConfig.PASSWORD;
import static io.backstory.TestDatabaseConfig.URL;
import static io.backstory.TestDatabaseConfig.USER;
import static io.backstory.TestDatabaseConfig.urlInSchema;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.analytics.Chronicity;
import io.backstory.patients.DischargeReason;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.patients.PatientSummary;
import io.backstory.reports.RecurrenceReport;
import io.backstory.reports.RecurrenceReportService;
import io.backstory.reports.ReportFilter;
import io.backstory.visits.Factor;
import io.backstory.visits.VisitCommand;
import io.backstory.visits.VisitService;
import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.scheduling.support.ScheduledMethodRunnable;

/**
 * Two app nodes, as behind a load balancer (DESIGN §7): two complete application contexts, each with its own
 * web server, against one PostgreSQL database (a schema of the test database of their own).
 */
class TwoNodesTest {

    private static final String SCHEMA = "two_nodes";

    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void startTwoNodes() {
        Flyway.configure().dataSource(URL, USER, PASSWORD).schemas(SCHEMA).cleanDisabled(false).load().clean();
        // one after the other, as a rolling start would: the first migrates and seeds the demo clinic
        nodeA = node();
        nodeB = node();
    }

    private static ConfigurableApplicationContext node() {
        // arguments, not default properties: they must win over application.properties, as on a real node
        return new SpringApplicationBuilder(BackstoryApplication.class).profiles("test").run(
                "--server.port=0",
                "--spring.datasource.url=" + urlInSchema(SCHEMA),
                "--spring.flyway.schemas=" + SCHEMA,
                "--backstory.demo.episodes=150");
    }

    @AfterAll
    static void stop() {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        Flyway.configure().dataSource(URL, USER, PASSWORD).schemas(SCHEMA).cleanDisabled(false).load().clean();
    }

    @Test
    void shouldShowAVisitSavedOnOneNodeOnTheOtherNodesReportAtOnce() {
        RecurrenceReport before = asOwnerOn(nodeB, () -> nodeB.getBean(RecurrenceReportService.class).report(ReportFilter.all()));
        // node B has the report cached now; the same question again is answered from its cache
        RecurrenceReport cached = asOwnerOn(nodeB, () -> nodeB.getBean(RecurrenceReportService.class).cached(ReportFilter.all()).orElseThrow());
        assertThat(cached).isSameAs(before);

        // node A: a therapist treats a new episode addressing all five factors and discharges it
        asTherapistOn(nodeA, () -> {
            ClinicalFixture fixture = nodeA.getBean(ClinicalFixture.class);
            PatientSummary patient = fixture.patient();
            LocalDate today = LocalDate.now();
            EpisodeSummary episode = fixture.episode(patient, today.minusDays(30), Chronicity.ACUTE);
            nodeA.getBean(VisitService.class).log(new VisitCommand(episode.id(), today.minusDays(20), episode.therapistId(), 45, 3,
                    null, EnumSet.allOf(Factor.class), Set.of()));
            nodeA.getBean(EpisodeService.class).discharge(episode.id(), today.minusDays(1), DischargeReason.GOALS_MET);
            return null;
        });

        RecurrenceReport after = asOwnerOn(nodeB, () -> nodeB.getBean(RecurrenceReportService.class).report(ReportFilter.all()));
        assertThat(after).isNotSameAs(before);
        assertThat(after.dataVersion()).isNotEqualTo(before.dataVersion());
        assertThat(after.kpis().dischargedInPeriod()).isEqualTo(before.kpis().dischargedInPeriod() + 1);
        assertThat(after.breadth().get(5).episodes()).isEqualTo(before.breadth().get(5).episodes() + 1);
    }

    @Test
    void shouldRunNoScheduledWorkThatWouldFireOnEveryNode() {
        for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
            List<String> unlocked = new ArrayList<>();
            for (ScheduledTaskHolder holder : node.getBeansOfType(ScheduledTaskHolder.class).values()) {
                for (ScheduledTask task : holder.getScheduledTasks()) {
                    // allowed: a @Scheduled method that takes a database lock first (ShedLock), so one node runs it
                    if (!(task.getTask().getRunnable() instanceof ScheduledMethodRunnable m) || !lockedInTheDatabase(m.getMethod())) {
                        unlocked.add(task.toString());
                    }
                }
            }
            assertThat(unlocked).as("in-memory scheduled tasks (they would run on every node)").isEmpty();
        }
    }

    private static boolean lockedInTheDatabase(Method method) {
        return List.of(method.getAnnotations()).stream()
                .anyMatch(a -> a.annotationType().getName().equals("net.javacrumbs.shedlock.spring.annotation.SchedulerLock"));
    }

    private static <T> T asOwnerOn(ConfigurableApplicationContext node, java.util.function.Supplier<T> work) {
        return as(node, "owner", work);
    }

    private static <T> T asTherapistOn(ConfigurableApplicationContext node, java.util.function.Supplier<T> work) {
        return as(node, "owen.hughes", work);
    }

    private static <T> T as(ConfigurableApplicationContext node, String username, java.util.function.Supplier<T> work) {
        TestSecurity security = node.getBean(TestSecurity.class);
        security.signInAs(username);
        try {
            return work.get();
        } finally {
            security.signOut();
        }
    }
}
