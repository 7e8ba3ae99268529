package io.backstory;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.backstory.analytics.Chronicity;
import io.backstory.care.EpisodeCareService;
import io.backstory.followups.CheckInAnswer;
import io.backstory.followups.CheckInResult;
import io.backstory.followups.FollowUpDue;
import io.backstory.followups.FollowUpService;
import io.backstory.followups.FollowUpReadModels;
import io.backstory.followups.FollowUpStatus;
import io.backstory.measures.Instrument;
import io.backstory.measures.MeasureEntry;
import io.backstory.measures.MeasureService;
import io.backstory.measures.MeasureSummary;
import io.backstory.measures.Timepoint;
import io.backstory.patients.DischargeReason;
import io.backstory.patients.EpisodeSummary;
import io.backstory.patients.PatientSummary;
import io.backstory.visits.Factor;
import io.backstory.visits.VisitCommand;
import io.backstory.visits.VisitService;
import io.backstory.visits.VisitSummary;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Issue 9.1: the embedded default (H2 in PostgreSQL mode, the demo every newcomer runs) keeps saving after the
 * pool has replaced its connections. H2 2.4.240 rejected every insert into a table with a CHECK (x IN (...))
 * constraint on connections opened after the first ones ("Check constraint invalid"); pom.xml pins an H2 without
 * the defect. Here the pool's connections are recycled (soft eviction, what max-lifetime does after 30 min; the
 * pool's own max-lifetime is at Hikari's 30 s minimum as well), then every kind of record is saved.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:embedded_recycling;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password=",
        "spring.datasource.hikari.max-lifetime=30000",
        "spring.datasource.hikari.maximum-pool-size=4",
        "backstory.demo.enabled=true",
        "backstory.demo.episodes=40",
        "backstory.security.mfa.key=w6rnPudM3Bw/tDgAC+J0DrmAWs4Cg3AjeeX3jf51vyw="})
@DirtiesContext
class EmbeddedDatabaseTest {

    /** The JVM-wide strategy of the suite's shared context; this extra context replaces it, so it is put back. */
    private static SecurityContextHolderStrategy suiteStrategy;

    @Autowired DataSource dataSource;
    @Autowired TestSecurity security;
    @Autowired ClinicalFixture fixture;
    @Autowired VisitService visits;
    @Autowired MeasureService measures;
    @Autowired EpisodeCareService care;
    @Autowired FollowUpService followUps;
    @Autowired FollowUpReadModels readModels;

    @BeforeAll
    static void keepStrategy() {
        suiteStrategy = SecurityContextHolder.getContextHolderStrategy();
    }

    @AfterAll
    static void restoreStrategy() {
        SecurityContextHolder.setContextHolderStrategy(suiteStrategy);
    }

    @AfterEach
    void signOut() {
        security.signOut();
    }

    @Test
    void shouldSaveEveryKindOfRecordAfterThePoolRecycledItsConnections() throws Exception {
        assertThat(dataSource.unwrap(HikariDataSource.class).getJdbcUrl()).startsWith("jdbc:h2:mem:");
        recycleConnections();
        security.signInAs("therapist");
        LocalDate today = LocalDate.now();

        PatientSummary patient = fixture.patient();
        EpisodeSummary episode = fixture.episode(patient, today.minusDays(120), Chronicity.SUBACUTE);
        recycleConnections();
        VisitSummary visit = visits.log(new VisitCommand(episode.id(), today.minusDays(110), episode.therapistId(), 45, 6,
                "after recycling", Set.of(Factor.MOVEMENT, Factor.STRENGTH, Factor.BELIEFS), Set.of()));
        List<MeasureSummary> measured = measures.record(episode.id(), Timepoint.BASELINE, today.minusDays(120),
                List.of(MeasureEntry.total(Instrument.NPRS, 7)));
        recycleConnections();
        care.discharge(episode.id(), today.minusDays(100), DischargeReason.GOALS_MET, List.of(MeasureEntry.total(Instrument.NPRS, 2)));
        FollowUpDue due = readModels.due(0, readModels.countDue()).stream()
                .filter(d -> d.episodeId() == episode.id() && d.monthsAfter() == 1).findFirst().orElseThrow();
        CheckInResult checkIn = followUps.recordCheckIn(due.id(), due.version(), CheckInAnswer.painFree(), "fine");

        assertThat(visit.factors()).containsExactlyInAnyOrder(Factor.MOVEMENT, Factor.STRENGTH, Factor.BELIEFS);
        assertThat(measured).singleElement().satisfies(m -> assertThat(m.instrument()).isEqualTo(Instrument.NPRS));
        assertThat(checkIn.followUp().status()).isEqualTo(FollowUpStatus.COMPLETED);
        assertThat(visits.list(episode.id())).extracting(VisitSummary::id).contains(visit.id());
    }

    /**
     * Retires every pooled connection (soft eviction closes idle ones at once, busy ones when returned) and
     * checks that the pool then hands out connections it opened afresh.
     */
    private void recycleConnections() throws Exception {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        Set<Integer> before = new HashSet<>();
        try (Connection c = hikari.getConnection()) {
            before.add(System.identityHashCode(c.unwrap(Connection.class)));
        }
        HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
        pool.softEvictConnections();
        try (Connection c = hikari.getConnection()) {
            assertThat(System.identityHashCode(c.unwrap(Connection.class))).isNotIn(before);
            assertThat(c.isValid(2)).isTrue();
        }
    }
}
