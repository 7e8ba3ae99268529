package io.backstory.reports;

import io.backstory.patients.DischargeLock;
import io.backstory.patients.EpisodeDischarged;
import io.backstory.patients.EpisodeOpened;
import io.backstory.patients.EpisodeRecordsChanged;
import java.util.Map;
import java.util.stream.Collectors;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@code report_episode}, the report's per-episode aggregate (DESIGN §7), current. Each discharged
 * episode has one row holding what the analysis dataset needs: the database aggregates an episode's visits,
 * factors, baseline measures and check-ins when they change, not on every report, so a report of 100,000
 * episodes reads 100,000 rows instead of well over a million.
 *
 * <p>Refreshed inside the transaction that changed the records (a plain {@code @EventListener}): the row
 * commits with the change or not at all, so a report never misses a saved visit. Two locks make concurrent
 * changes safe; after each, a new statement reads what was committed before the lock was granted (READ
 * COMMITTED):
 * <ul>
 *   <li>The episode's discharge, held by the patients module ({@link DischargeLock}): a save to an episode in care
 *       and its discharge wait for each other, so the discharge's aggregation sees the visit, or the save sees the
 *       discharge and refreshes the new row.</li>
 *   <li>The report row, exclusive: concurrent changes to a discharged episode refresh one after the other,
 *       so the last refresh to commit saw every change. Rows are updated in place, never deleted and
 *       re-inserted, so a waiting refresh finds the row it waited for.</li>
 * </ul>
 * An episode in care costs one statement (its row has no report row yet); a discharged one four.
 *
 * <p>The aggregation stays one set-based statement in the database, so the rebuild after an import of a million
 * visits takes seconds on PostgreSQL, yet names no other module's table (docs/style.md rule 9): it joins the views the
 * patients, visits, measures and follow-ups modules publish (V20_1), each aggregating its own rows per episode in its
 * own terms. PostgreSQL expands the views into this statement and plans it as if it named the tables.
 * ReportEpisodesTest checks that the rows follow every change made through the owners' services.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ReportEpisodes {

    /** The columns of report_episode that the aggregation fills, in the order of {@link #SELECT}. */
    private static final String COLUMNS = """
            clinic_id, episode_id, therapist_id, location_id, start_date, discharge_date, chronicity, prior_episodes,
            date_of_birth, sex, visits, f_movement, f_mobility, f_strength, f_recovery, f_beliefs,
            nprs, odi, fabq_pa, startback, last_due, onset_date, not_recovered, recovery_seen_on, next_start""";

    /**
     * The aggregate for the discharged episodes of one clinic, read from the owners' published views (V20_1): each
     * module aggregates its own rows per episode, this module only joins them. {@code %s} restricts it to one episode;
     * the database carries the clinic and the episode from {@code d} into every view through the join keys. Plain
     * SQL for PostgreSQL and H2 in PostgreSQL mode.
     */
    private static final String SELECT = """
            select d.clinic_id, d.episode_id, d.therapist_id, d.location_id, d.start_date, d.discharge_date,
                   d.chronicity, d.prior_episodes, d.date_of_birth, d.sex,
                   coalesce(v.visits, 0) as visits,
                   coalesce(v.f_movement, 0) as f_movement, coalesce(v.f_mobility, 0) as f_mobility,
                   coalesce(v.f_strength, 0) as f_strength, coalesce(v.f_recovery, 0) as f_recovery,
                   coalesce(v.f_beliefs, 0) as f_beliefs,
                   m.nprs, m.odi, m.fabq_pa, m.startback, c.last_due, r.onset_date,
                   coalesce(c.not_recovered, 0) as not_recovered, c.recovery_seen_on, d.next_start
              from patients_discharged_episode d
              left join visits_episode_plan v on v.clinic_id = d.clinic_id and v.episode_id = d.episode_id
              left join measures_episode_baseline m on m.clinic_id = d.clinic_id and m.episode_id = d.episode_id
              left join followups_episode_check_ins c on c.clinic_id = d.clinic_id and c.episode_id = d.episode_id
              left join followups_episode_recurrence r on r.clinic_id = d.clinic_id and r.episode_id = d.episode_id
             where d.clinic_id = :clinic %s
            """;

    private static final String ALL_EPISODES = SELECT.formatted("");
    private static final String ONE_EPISODE = SELECT.formatted("and d.episode_id = :episode");
    private static final String INSERT = "insert into report_episode (" + COLUMNS + ", revision) select s.*, nextval('report_revision') from (%s) s";

    private final JdbcClient jdbc;
    private final DischargeLock dischargeLock;

    @EventListener
    void on(EpisodeDischarged event) {
        refresh(event.clinicId(), event.episodeId());
    }

    @EventListener
    void on(EpisodeRecordsChanged event) {
        refresh(event.clinicId(), event.episodeId());
    }

    /**
     * A new episode of care tells about the patient's previous one: opened within the pain-free gap, that
     * episode's pain never resolved (its next_start changes).
     */
    @EventListener
    void on(EpisodeOpened event) {
        if (event.previous() != null) {
            refresh(event.clinicId(), event.previous().episodeId());
        }
    }

    /** Brings one episode's row up to date; an episode still in care has none. */
    void refresh(long clinicId, long episodeId) {
        if (!dischargeLock.holdDischarge(clinicId, episodeId)) {
            return;
        }
        Map<String, Object> ids = Map.of("clinic", clinicId, "episode", episodeId);
        if (!lockRow(ids)) {
            // The discharge itself: create the row. Zero rows inserted means another refresh created it first.
            if (jdbc.sql(INSERT.formatted(ONE_EPISODE) + " on conflict do nothing").params(ids).update() == 1 || !lockRow(ids)) {
                return;
            }
        }
        Map<String, Object> row = jdbc.sql(ONE_EPISODE).params(ids).query().singleRow();
        String assignments = row.keySet().stream().filter(c -> !c.equals("clinic_id") && !c.equals("episode_id"))
                .map(c -> c + " = :" + c).collect(Collectors.joining(", "));
        jdbc.sql("update report_episode set " + assignments + ", revision = nextval('report_revision')"
                        + " where clinic_id = :clinic_id and episode_id = :episode_id")
                .params(row).update();
    }

    private boolean lockRow(Map<String, Object> ids) {
        return jdbc.sql("select episode_id from report_episode where clinic_id = :clinic and episode_id = :episode for update")
                .params(ids).query(Long.class).optional().isPresent();
    }

    /**
     * Rebuilds every row of a clinic in one statement, for bulk loads that bypass the services (the demo
     * clinic, benchmarks, imports). Joins the caller's transaction: the rows commit with the loaded data.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int rebuild(long clinicId) {
        jdbc.sql("delete from report_episode where clinic_id = ?").param(clinicId).update();
        return jdbc.sql(INSERT.formatted(ALL_EPISODES)).param("clinic", clinicId).update();
    }
}
