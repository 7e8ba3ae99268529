package io.backstory.reports;

import io.backstory.analytics.AnalysisEpisode;
import io.backstory.analytics.Chronicity;
import io.backstory.analytics.Sex;
import io.backstory.analytics.StartBackRisk;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the analysis dataset (DESIGN §4) from {@code report_episode}, the per-episode aggregate that
 * {@link ReportEpisodes} keeps current: one row per discharged episode, however many visits there are.
 * Dates are turned into ages and days in Java, where date arithmetic is portable.
 *
 * <p>Outcome rules, kept deliberately simple:
 * <ul>
 *   <li>A recorded recurrence counts as it is: the check-in workflow and the new-episode rule apply the
 *       clinic's recurrence definition (pain-free gap, intensity, duration) when they record it, so the
 *       report does not filter it a second time. time_days = onset - discharge.</li>
 *   <li>Without a recurrence the episode is censored at the scheduled day of its last completed check-in
 *       (its due date, so a call made two days late does not push the 12-month check-in past the horizon);
 *       with no completed check-in it is censored at 0 days.</li>
 *   <li>Visits: every visit of the episode; factors: addressed at one visit or more.</li>
 *   <li>episode_id is the row number in episode-id order: the export is de-identified.</li>
 * </ul>
 */
@Component
class ReportDataset {

    private static final String SQL = """
            select therapist_id, location_id, start_date, discharge_date, chronicity, prior_episodes, date_of_birth, sex,
                   visits, f_movement, f_mobility, f_strength, f_recovery, f_beliefs, nprs, odi, fabq_pa, startback,
                   last_due, onset_date
              from report_episode e
             where e.clinic_id = ?
            """;

    private final JdbcClient jdbc;

    ReportDataset(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<EpisodeRow> load(long clinicId, ReportFilter filter) {
        StringBuilder sql = new StringBuilder(SQL);
        List<Object> params = new ArrayList<>(List.of(clinicId));
        if (filter.dischargedFrom() != null) {
            sql.append(" and e.discharge_date >= ?");
            params.add(Date.valueOf(filter.dischargedFrom()));
        }
        if (filter.dischargedTo() != null) {
            sql.append(" and e.discharge_date <= ?");
            params.add(Date.valueOf(filter.dischargedTo()));
        }
        if (filter.locationId() != null) {
            sql.append(" and e.location_id = ?");
            params.add(filter.locationId());
        }
        if (filter.therapistId() != null) {
            sql.append(" and e.therapist_id = ?");
            params.add(filter.therapistId());
        }
        if (filter.chronicity() != null) {
            sql.append(" and e.chronicity = ?");
            params.add(filter.chronicity().name());
        }
        if (filter.startBack() != null) {
            sql.append(" and lower(e.startback) = ?");
            params.add(filter.startBack().name().toLowerCase(Locale.ROOT));
        }
        sql.append(" order by e.episode_id");
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> row(rs, n)).list();
    }

    /** Episodes still in care, with the filter's location and therapist (not its period: they have no discharge). */
    int activeEpisodes(long clinicId, ReportFilter filter) {
        StringBuilder sql = new StringBuilder("select count(*) from episode e where e.clinic_id = ? and e.discharge_date is null");
        List<Object> params = new ArrayList<>(List.of(clinicId));
        if (filter.locationId() != null) {
            sql.append(" and e.location_id = ?");
            params.add(filter.locationId());
        }
        if (filter.therapistId() != null) {
            sql.append(" and e.therapist_id = ?");
            params.add(filter.therapistId());
        }
        if (filter.chronicity() != null) {
            sql.append(" and e.chronicity = ?");
            params.add(filter.chronicity().name());
        }
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single().intValue();
    }

    /**
     * A fingerprint of everything the report reads: every write to report_episode takes a new revision,
     * opening an episode adds to the episodes in care, and settings and therapist names carry versions.
     * Cheap (indexed), so a cached report is never served after the data changed.
     */
    String dataVersion(long clinicId) {
        return jdbc.sql("""
                select (select count(*) || ':' || coalesce(max(revision), 0) from report_episode where clinic_id = ?)
                    || '/' || (select count(*) || ':' || coalesce(max(id), 0) from episode where clinic_id = ? and discharge_date is null)
                    || '/' || (select count(*) || ':' || coalesce(sum(version), 0) from user_account where clinic_id = ?)
                    || '/' || (select coalesce(max(version), 0) from clinic_settings where clinic_id = ?)
                """).params(clinicId, clinicId, clinicId, clinicId)
                .query(String.class).single();
    }

    List<ReportOptions.Option> locations(long clinicId) {
        return jdbc.sql("select id, name from location where clinic_id = ? order by name").param(clinicId)
                .query((rs, n) -> new ReportOptions.Option(rs.getLong(1), rs.getString(2))).list();
    }

    /** Everyone who treats patients: holders of the THERAPIST role, and anyone with an episode in their name. */
    List<ReportOptions.Option> therapists(long clinicId) {
        return jdbc.sql("""
                select u.id, u.display_name from user_account u
                 where u.clinic_id = ?
                   and (exists (select 1 from user_role r where r.user_account_id = u.id and r.role = 'THERAPIST')
                        or exists (select 1 from episode e where e.clinic_id = u.clinic_id and e.therapist_id = u.id))
                 order by u.display_name
                """).param(clinicId)
                .query((rs, n) -> new ReportOptions.Option(rs.getLong(1), rs.getString(2))).list();
    }

    /** Reads the columns of {@link #SQL} by position, dates straight into LocalDate: this runs 100,000 times a report. */
    private static EpisodeRow row(ResultSet rs, int rowNumber) throws SQLException {
        LocalDate start = rs.getObject(3, LocalDate.class);
        LocalDate discharge = rs.getObject(4, LocalDate.class);
        LocalDate birth = rs.getObject(7, LocalDate.class);
        LocalDate lastDue = rs.getObject(19, LocalDate.class);
        LocalDate onset = rs.getObject(20, LocalDate.class);
        boolean recurred = onset != null;
        long days = recurred ? ChronoUnit.DAYS.between(discharge, onset)
                : lastDue == null ? 0 : ChronoUnit.DAYS.between(discharge, lastDue);
        String startBack = rs.getString(18);
        AnalysisEpisode episode = new AnalysisEpisode(
                // de-identified: the row number, not the database id, so an export cannot be linked back to a record
                String.valueOf(rowNumber + 1),
                rs.getInt(10) == 1, rs.getInt(11) == 1, rs.getInt(12) == 1, rs.getInt(13) == 1, rs.getInt(14) == 1,
                (double) Period.between(birth, start).getYears(),
                Sex.valueOf(rs.getString(8)),
                Chronicity.valueOf(rs.getString(5)),
                number(rs, 15), number(rs, 16), number(rs, 17),
                startBack == null ? null : StartBackRisk.valueOf(startBack.toUpperCase(Locale.ROOT)),
                rs.getInt(6),
                rs.getInt(9),
                Math.max(0, days),
                recurred);
        return new EpisodeRow(episode, rs.getLong(1), rs.getLong(2), discharge);
    }

    private static @Nullable Double number(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
