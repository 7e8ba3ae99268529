package io.backstory.reports;

import io.backstory.followups.FollowUpStatus;
import io.backstory.followups.RecurrenceDecision;
import io.backstory.measures.Instrument;
import io.backstory.measures.Timepoint;
import io.backstory.patients.EpisodeDischarged;
import io.backstory.patients.EpisodeOpened;
import io.backstory.patients.EpisodePatients;
import io.backstory.patients.EpisodeRecordsChanged;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
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
 *   <li>The episode row, shared: a save to an episode in care and its discharge wait for each other (the
 *       discharge's update conflicts with a share lock), so the discharge's aggregation sees the visit, or the
 *       save sees the discharge and refreshes the new row. Shared, because saves to one episode must not wait
 *       for each other here: each holds a key-share lock on the episode from its foreign key, and two
 *       exclusive requests on top of those would deadlock.</li>
 *   <li>The report row, exclusive: concurrent changes to a discharged episode refresh one after the other,
 *       so the last refresh to commit saw every change. Rows are updated in place, never deleted and
 *       re-inserted, so a waiting refresh finds the row it waited for.</li>
 * </ul>
 * An episode in care costs one statement (its row has no report row yet); a discharged one four.
 *
 * <p>The one documented exception to docs/style.md rule 9 (listed in ModuleTablesTest): the aggregation reads the
 * patients, visits, measures and follow-ups modules' tables in one set-based statement. The rebuild after an import
 * of a million visits must take seconds on PostgreSQL; asking each module for its part of every episode through a
 * Java API would carry those rows through the application instead of letting the database aggregate them where
 * they lie. The values it matches (factors, instruments, statuses, outcomes) are bound from the owners' enums, and
 * ReportEpisodesTest checks that the rows follow every change made through the owners' services.
 */
@Component
public class ReportEpisodes {

    /** The columns of report_episode that the aggregation fills, in the order of {@link #SELECT}. */
    private static final String COLUMNS = """
            clinic_id, episode_id, therapist_id, location_id, start_date, discharge_date, chronicity, prior_episodes,
            date_of_birth, sex, visits, f_movement, f_mobility, f_strength, f_recovery, f_beliefs,
            nprs, odi, fabq_pa, startback, last_due, onset_date, not_recovered, recovery_seen_on, next_start""";

    /**
     * The aggregation for the discharged episodes of one clinic; {@code %s} restricts every part to one
     * episode (or to none). Plain SQL for PostgreSQL and H2 in PostgreSQL mode; V4__report_episode.sql
     * holds the same aggregation for the rows that existed before the table did (V7 the recovery columns).
     */
    private static final String SELECT = """
            select e.clinic_id, e.id as episode_id, e.therapist_id, e.location_id, e.start_date, e.discharge_date,
                   e.chronicity, e.prior_episodes, p.date_of_birth, p.sex,
                   coalesce(v.visits, 0) as visits,
                   coalesce(v.f_movement, 0) as f_movement, coalesce(v.f_mobility, 0) as f_mobility,
                   coalesce(v.f_strength, 0) as f_strength, coalesce(v.f_recovery, 0) as f_recovery,
                   coalesce(v.f_beliefs, 0) as f_beliefs,
                   m.nprs, m.odi, m.fabq_pa, m.startback, f.last_due, r.onset_date,
                   coalesce(f.not_recovered, 0) as not_recovered, f.recovery_seen_on,
                   (select min(n.start_date) from episode n
                     where n.clinic_id = e.clinic_id and n.patient_id = e.patient_id and n.id <> e.id
                       and n.start_date >= e.discharge_date) as next_start
              from episode e
              join patient p on p.clinic_id = e.clinic_id and p.id = e.patient_id
              left join (
                    select vi.episode_id, count(*) as visits,
                           max(case when vi.factor_movement then 1 else 0 end) as f_movement,
                           max(case when vi.factor_mobility then 1 else 0 end) as f_mobility,
                           max(case when vi.factor_strength then 1 else 0 end) as f_strength,
                           max(case when vi.factor_recovery then 1 else 0 end) as f_recovery,
                           max(case when vi.factor_beliefs then 1 else 0 end) as f_beliefs
                      from visit vi
                     where vi.clinic_id = :clinic %1$s
                     group by vi.episode_id) v on v.episode_id = e.id
              left join (
                    select episode_id,
                           max(case when instrument = :nprs then score end) as nprs,
                           max(case when instrument = :odi then score end) as odi,
                           max(case when instrument = :fabq then score end) as fabq_pa,
                           max(case when instrument = :startback then category end) as startback
                      from measure
                     where clinic_id = :clinic and timepoint = :baseline %2$s
                     group by episode_id) m on m.episode_id = e.id
              left join (
                    select episode_id, max(due_date) as last_due,
                           max(case when outcome = :notRecovered then 1 else 0 end) as not_recovered,
                           max(case when pain_free or outcome = :noRecurrence then completed_on end) as recovery_seen_on
                      from follow_up
                     where clinic_id = :clinic and status = :completed %2$s
                     group by episode_id) f on f.episode_id = e.id
              left join recurrence r on r.clinic_id = e.clinic_id and r.episode_id = e.id
             where e.clinic_id = :clinic and e.discharge_date is not null %3$s
            """;

    /**
     * The owning modules' values that {@link #SELECT} matches, bound from their enums rather than typed into the SQL
     * (docs/style.md rule 9), so a renamed value cannot silently drop out of the report.
     */
    private static final Map<String, Object> VALUES = Map.ofEntries(
            Map.entry("nprs", Instrument.NPRS.name()), Map.entry("odi", Instrument.ODI.name()), Map.entry("fabq", Instrument.FABQ.name()),
            Map.entry("startback", Instrument.STARTBACK.name()), Map.entry("baseline", Timepoint.BASELINE.name()),
            Map.entry("completed", FollowUpStatus.COMPLETED.name()),
            Map.entry("notRecovered", RecurrenceDecision.Outcome.NOT_RECOVERED_BEFORE_RETURN.name()),
            Map.entry("noRecurrence", RecurrenceDecision.Outcome.NO_RECURRENCE.name()));

    private static final String ALL_EPISODES = SELECT.formatted("", "", "");
    private static final String ONE_EPISODE = SELECT.formatted(
            "and vi.episode_id = :episode", "and episode_id = :episode", "and e.id = :episode");
    private static final String INSERT = "insert into report_episode (" + COLUMNS + ", revision) select s.*, nextval('report_revision') from (%s) s";

    private final JdbcClient jdbc;
    private final EpisodePatients episodePatients;
    /** PostgreSQL: {@code for share}; H2 (the embedded demo database) knows only {@code for update}, and its
     *  foreign-key checks take no row locks, so an exclusive lock cannot deadlock there. */
    private final String shareLock;

    ReportEpisodes(JdbcClient jdbc, EpisodePatients episodePatients, DataSource dataSource) {
        this.jdbc = jdbc;
        this.episodePatients = episodePatients;
        this.shareLock = isPostgres(dataSource) ? "for share" : "for update";
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }

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
        episodePatients.lastDischargedBefore(event.clinicId(), event.patientId(), event.episodeId(), event.startDate())
                .ifPresent(previous -> refresh(event.clinicId(), previous.episodeId()));
    }

    /** Brings one episode's row up to date; an episode still in care has none. */
    void refresh(long clinicId, long episodeId) {
        Map<String, Object> ids = new HashMap<>(VALUES);
        ids.put("clinic", clinicId);
        ids.put("episode", episodeId);
        boolean discharged = jdbc.sql("select discharge_date is not null from episode where clinic_id = :clinic and id = :episode " + shareLock)
                .params(ids).query(Boolean.class).optional().orElse(false);
        if (!discharged) {
            return;
        }
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
        Map<String, Object> params = new HashMap<>(VALUES);
        params.put("clinic", clinicId);
        return jdbc.sql(INSERT.formatted(ALL_EPISODES)).params(params).update();
    }
}
