package io.backstory.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.BackstoryTest;
import io.backstory.ClinicalFixture;
import io.backstory.SignedIn;
import io.backstory.TestSecurity;
import io.backstory.analytics.Chronicity;
import io.backstory.followups.CheckInAnswer;
import io.backstory.followups.FollowUpDue;
import io.backstory.followups.FollowUpService;
import io.backstory.followups.FollowUpReadModels;
import io.backstory.measures.Instrument;
import io.backstory.measures.MeasureEntry;
import io.backstory.measures.MeasureService;
import io.backstory.measures.Timepoint;
import io.backstory.patients.DischargeReason;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.visits.Factor;
import io.backstory.visits.VisitCommand;
import io.backstory.visits.VisitService;
import io.backstory.visits.VisitSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The report's per-episode aggregate always equals the aggregation computed from scratch: after every kind of
 * change the workflow makes, after concurrent saves to one episode, and for the bulk-loaded demo clinic.
 */
@BackstoryTest
class ReportEpisodesTest {

    @Autowired TestSecurity security;
    @Autowired ClinicalFixture fixture;
    @Autowired EpisodeService episodes;
    @Autowired VisitService visits;
    @Autowired MeasureService measures;
    @Autowired FollowUpService followUps;
    @Autowired FollowUpReadModels readModels;
    @Autowired ReportEpisodes reportEpisodes;
    @Autowired ReportDataset dataset;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;

    private static final int SAVERS = 8;
    private static final int VISITS = 40;

    private final LocalDate today = LocalDate.now();

    @RegisterExtension
    final SignedIn signedIn = SignedIn.as("therapist");

    @Test
    void shouldFollowEveryChangeToAnEpisodesRecords() {
        EpisodeSummary episode = fixture.episode(fixture.patient(), today.minusDays(150), Chronicity.CHRONIC);
        measures.record(episode.id(), Timepoint.BASELINE, today.minusDays(150), List.of(
                MeasureEntry.total(Instrument.NPRS, 7), MeasureEntry.total(Instrument.ODI, 42)));
        VisitSummary first = visits.log(visit(episode, today.minusDays(149), Set.of(Factor.MOVEMENT)));
        assertThat(stored(episode)).as("an episode in care has no row").isNull();

        episodes.discharge(episode.id(), today.minusDays(120), DischargeReason.GOALS_MET);
        assertThat(stored(episode)).containsEntry("visits", 1).containsEntry("f_movement", 1).containsEntry("f_beliefs", 0);
        assertThat(decimal(stored(episode), "nprs")).isEqualTo(7.0);

        String before = dataset.dataVersion(clinic());
        visits.update(first.id(), first.version(), visit(episode, today.minusDays(149), Set.of(Factor.MOVEMENT, Factor.BELIEFS)));
        visits.log(visit(episode, today.minusDays(125), Set.of(Factor.STRENGTH)));
        measures.record(episode.id(), Timepoint.BASELINE, today.minusDays(150), List.of(MeasureEntry.total(Instrument.FABQ, 18, 20)));
        assertThat(stored(episode)).containsEntry("visits", 2).containsEntry("f_beliefs", 1).containsEntry("f_strength", 1);
        assertThat(decimal(stored(episode), "fabq_pa")).isEqualTo(18.0);
        assertThat(dataset.dataVersion(clinic())).as("the report's data version follows the row").isNotEqualTo(before);

        FollowUpDue oneMonth = readModels.due(0, readModels.countDue()).stream()
                .filter(d -> d.episodeId() == episode.id() && d.monthsAfter() == 1).findFirst().orElseThrow();
        followUps.recordCheckIn(oneMonth.id(), oneMonth.version(), CheckInAnswer.painReturned(today.minusDays(10), 5, true, true, false), null);
        assertThat(stored(episode).get("last_due")).isNotNull();
        assertThat(stored(episode).get("onset_date")).isNotNull();

        assertThat(stored(episode)).isEqualTo(fromScratch(episode));
    }

    @Test
    void shouldTellWhetherThePainResolvedWhenCheckInsOrANewEpisodeSaySo() {
        LocalDate discharged = today.minusDays(100);
        EpisodeSummary neverResolved = dischargedEpisode(fixture.patient(), discharged);
        EpisodeSummary painFree = dischargedEpisode(fixture.patient(), discharged);
        var returning = fixture.patient();
        EpisodeSummary cameBackSoon = dischargedEpisode(returning, discharged);
        EpisodeSummary unknown = dischargedEpisode(fixture.patient(), discharged);

        // qualifying pain 10 days after discharge, before the 30 pain-free days of a recovery
        followUps.recordCheckIn(oneMonth(neverResolved).id(), oneMonth(neverResolved).version(),
                CheckInAnswer.painReturned(discharged.plusDays(10), 5, true, true, false), null);
        followUps.recordCheckIn(oneMonth(painFree).id(), oneMonth(painFree).version(), CheckInAnswer.painFree(), null);
        // a new episode of care opened 10 days after discharge: the pain never went away
        fixture.episode(returning, discharged.plusDays(10), Chronicity.SUBACUTE);

        assertThat(stored(neverResolved)).containsEntry("not_recovered", 1);
        assertThat(jdbc.sql("select outcome from follow_up where episode_id = ? and status = 'COMPLETED'")
                .param(neverResolved.id()).query(String.class).single()).isEqualTo("NOT_RECOVERED_BEFORE_RETURN");
        assertThat(stored(painFree)).containsEntry("not_recovered", 0);
        assertThat(stored(painFree).get("recovery_seen_on")).isNotNull();
        assertThat(stored(cameBackSoon).get("next_start")).isNotNull();
        assertThat(recovered(neverResolved)).isFalse();
        assertThat(recovered(painFree)).isTrue();
        assertThat(recovered(cameBackSoon)).isFalse();
        assertThat(recovered(unknown)).isNull();
        for (EpisodeSummary e : List.of(neverResolved, painFree, cameBackSoon, unknown)) {
            assertThat(stored(e)).isEqualTo(fromScratch(e));
        }
    }

    private EpisodeSummary dischargedEpisode(io.backstory.patients.PatientSummary patient, LocalDate discharge) {
        EpisodeSummary e = fixture.episode(patient, discharge.minusDays(30), Chronicity.ACUTE);
        visits.log(visit(e, discharge.minusDays(29), Set.of(Factor.MOVEMENT)));
        episodes.discharge(e.id(), discharge, DischargeReason.GOALS_MET);
        return e;
    }

    private FollowUpDue oneMonth(EpisodeSummary episode) {
        return readModels.due(0, readModels.countDue()).stream()
                .filter(d -> d.episodeId() == episode.id() && d.monthsAfter() == 1).findFirst().orElseThrow();
    }

    /** The episode's recovered value in the analysis dataset (rows come in episode-id order). */
    private Boolean recovered(EpisodeSummary episode) {
        int position = jdbc.sql("select count(*) from report_episode where clinic_id = ? and episode_id < ?")
                .params(clinic(), episode.id()).query(Integer.class).single();
        return dataset.load(clinic(), ReportFilter.all(), 30).get(position).episode().recovered();
    }

    @Test
    void shouldCountEveryVisitWhenTherapistsSaveToOneEpisodeAtOnce() throws Exception {
        EpisodeSummary episode = fixture.episode(fixture.patient(), today.minusDays(90), Chronicity.ACUTE);
        episodes.discharge(episode.id(), today.minusDays(40), DischargeReason.GOALS_MET);
        var context = SecurityContextHolder.getContext();
        ExecutorService pool = Executors.newFixedThreadPool(SAVERS);
        try {
            List<Callable<VisitSummary>> saves = new ArrayList<>();
            for (int i = 0; i < VISITS; i++) {
                Factor factor = Factor.values()[i % Factor.values().length];
                LocalDate date = today.minusDays(89 - i);
                saves.add(() -> {
                    SecurityContextHolder.setContext(context);
                    try {
                        return visits.log(visit(episode, date, Set.of(factor)));
                    } finally {
                        SecurityContextHolder.clearContext();
                    }
                });
            }
            for (Future<VisitSummary> save : pool.invokeAll(saves)) {
                save.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(stored(episode)).containsEntry("visits", VISITS).containsEntry("f_movement", 1).containsEntry("f_beliefs", 1);
        assertThat(stored(episode)).isEqualTo(fromScratch(episode));
    }

    @Test
    void shouldCountAVisitSavedWhileTheEpisodeIsBeingDischarged() throws Exception {
        EpisodeSummary episode = fixture.episode(fixture.patient(), today.minusDays(60), Chronicity.SUBACUTE);
        visits.log(visit(episode, today.minusDays(59), Set.of(Factor.MOVEMENT)));
        var context = SecurityContextHolder.getContext();
        CountDownLatch visitSaved = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // A late visit whose transaction is still open when a colleague discharges the episode.
            Future<?> late = pool.submit(() -> {
                SecurityContextHolder.setContext(context);
                try {
                    transactions.executeWithoutResult(status -> {
                        visits.log(visit(episode, today.minusDays(10), Set.of(Factor.BELIEFS)));
                        visitSaved.countDown();
                        sleep(1_000);
                    });
                } finally {
                    SecurityContextHolder.clearContext();
                }
            });
            Future<?> discharge = pool.submit(() -> {
                SecurityContextHolder.setContext(context);
                try {
                    visitSaved.await();
                    return episodes.discharge(episode.id(), today.minusDays(5), DischargeReason.GOALS_MET);
                } finally {
                    SecurityContextHolder.clearContext();
                }
            });
            late.get();
            discharge.get();
        } finally {
            pool.shutdown();
        }
        assertThat(stored(episode)).containsEntry("visits", 2).containsEntry("f_beliefs", 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldRebuildAClinicToTheSameRows() {
        long clinic = clinic();
        List<Map<String, Object>> maintained = rows(clinic);
        int rebuilt = transactions.execute(status -> reportEpisodes.rebuild(clinic));
        assertThat(rebuilt).isEqualTo(maintained.size()).isPositive();
        assertThat(rows(clinic)).isEqualTo(maintained);
    }

    private VisitCommand visit(EpisodeSummary episode, LocalDate date, Set<Factor> factors) {
        return new VisitCommand(episode.id(), date, episode.therapistId(), 30, 4, null, factors, Set.of());
    }

    private long clinic() {
        return jdbc.sql("select clinic_id from user_account where username = 'therapist'").query(Long.class).single();
    }

    private Map<String, Object> stored(EpisodeSummary episode) {
        return jdbc.sql("select * from report_episode where episode_id = ?").param(episode.id()).query().listOfRows()
                .stream().map(ReportEpisodesTest::withoutRevision).findFirst().orElse(null);
    }

    private Map<String, Object> fromScratch(EpisodeSummary episode) {
        return transactions.execute(status -> {
            // Rebuild inside a transaction that is rolled back, to read the from-scratch aggregation.
            reportEpisodes.rebuild(clinic());
            Map<String, Object> row = stored(episode);
            status.setRollbackOnly();
            return row;
        });
    }

    private List<Map<String, Object>> rows(long clinic) {
        return jdbc.sql("select * from report_episode where clinic_id = ? order by episode_id").param(clinic).query().listOfRows()
                .stream().map(ReportEpisodesTest::withoutRevision).toList();
    }

    private static Map<String, Object> withoutRevision(Map<String, Object> row) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(row);
        copy.remove("revision");
        return copy;
    }

    private static double decimal(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).doubleValue();
    }
}
