package io.backstory.reports;

import io.backstory.analytics.AnalysisEpisode;
import io.backstory.analytics.Chronicity;
import io.backstory.analytics.Sex;
import io.backstory.analytics.StartBackRisk;
import io.backstory.clinic.ClinicDirectory;
import io.backstory.clinic.ClinicLocations;
import io.backstory.followups.CheckInChannel;
import io.backstory.patients.EpisodeCounts;
import io.backstory.security.ClinicAccounts;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
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
 *   <li>therapist_id and location_id are opaque per-clinic codes, {@code T<n>} and {@code L<n>}: n is the rank of
 *       the account (location) among all the clinic's user accounts (locations) in the order they were created.
 *       Accounts and locations are never deleted (deactivated, archived), so a code never changes and never
 *       passes to someone else; numbers of accounts that never treat patients are simply unused. No name,
 *       username or database id appears.</li>
 *   <li>recovered (Stanton 2011: at least {@code painFreeDays} consecutive pain-free days after discharge):
 *       1 after a recurrence (which presupposes recovery) or a check-in at least {@code painFreeDays} after
 *       discharge without a qualifying return of pain; 0 when a check-in found the pain came back before the
 *       gap (never recovered) or a new episode of care opened within it; otherwise unknown (NA).</li>
 * </ul>
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class ReportDataset {

    private static final String SQL = """
            select therapist_id, location_id, start_date, discharge_date, chronicity, prior_episodes, date_of_birth, sex,
                   visits, f_movement, f_mobility, f_strength, f_recovery, f_beliefs, nprs, odi, fabq_pa, startback,
                   last_due, onset_date, not_recovered, recovery_seen_on, next_start
              from report_episode e
             where e.clinic_id = ?
            """;

    private final JdbcClient jdbc;
    private final EpisodeCounts episodeCounts;
    private final ClinicAccounts accounts;
    private final ClinicDirectory clinicDirectory;
    private final ClinicLocations clinicLocations;

    /** The owner's filter as conditions on {@code report_episode e}: one place for the dataset and the channel counts. */
    private static void appendFilter(ReportFilter filter, StringBuilder sql, List<Object> params) {
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
    }

    /**
     * @param painFreeDays the clinic's recovery gap (DESIGN §2, default 30)
     */
    List<EpisodeRow> load(long clinicId, ReportFilter filter, int painFreeDays) {
        StringBuilder sql = new StringBuilder(SQL);
        List<Object> params = new ArrayList<>(List.of(clinicId));
        appendFilter(filter, sql, params);
        sql.append(" order by e.episode_id");
        Map<Long, String> therapists = codes(accounts.byDisplayName(clinicId).stream().map(ClinicAccounts.AccountName::id), "T");
        Map<Long, String> locations = codes(clinicLocations.all(clinicId).stream().map(ClinicLocations.LocationName::id), "L");
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> row(rs, n, therapists, locations, painFreeDays)).list();
    }

    /** Opaque, stable codes: prefix + rank of the id among all the clinic's accounts or locations (see the class comment). */
    private static Map<Long, String> codes(Stream<Long> allIds, String prefix) {
        List<Long> ids = allIds.sorted().toList();
        Map<Long, String> out = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            out.put(ids.get(i), prefix + (i + 1));
        }
        return out;
    }

    /** Episodes still in care, with the filter's location and therapist (not its period: they have no discharge). */
    int activeEpisodes(long clinicId, ReportFilter filter) {
        return episodeCounts.open(clinicId, filter.locationId(), filter.therapistId(), filter.chronicity());
    }

    /**
     * A fingerprint of everything the report reads, each part asked of the module that keeps it: every write to
     * report_episode takes a new revision, opening an episode adds to the episodes in care, and settings and
     * therapist names carry versions.
     * Cheap (indexed), so a cached report is never served after the data changed. It is read from the
     * database, not remembered by this node, so with several app nodes a visit saved on one node changes
     * the fingerprint every other node sees (DESIGN §7). The sum of revisions is there because revisions
     * are taken in one order and committed in another: a row rewritten with a smaller revision than the
     * current maximum still raises the sum (its new revision is larger than its old one).
     */
    String dataVersion(long clinicId) {
        return jdbc.sql("""
                select count(*) || ':' || coalesce(max(revision), 0) || ':' || coalesce(sum(revision), 0)
                  from report_episode where clinic_id = ?
                """).param(clinicId).query(String.class).single()
                + '/' + episodeCounts.openVersion(clinicId) + '/' + accounts.version(clinicId)
                + '/' + clinicDirectory.settingsVersion(clinicId);
    }

    /** Everyone who treats patients: holders of the THERAPIST role, and anyone with an episode in their name. */
    List<ReportOptions.Option> therapists(long clinicId) {
        List<ClinicAccounts.AccountName> all = accounts.byDisplayName(clinicId);
        Set<Long> treating = episodeCounts.withEpisodes(clinicId,
                all.stream().filter(a -> !a.therapist()).map(ClinicAccounts.AccountName::id).toList());
        return all.stream().filter(a -> a.therapist() || treating.contains(a.id()))
                .map(a -> new ReportOptions.Option(a.id(), a.displayName())).toList();
    }

    /** Reads the columns of {@link #SQL} by position, dates straight into LocalDate: this runs 100,000 times a report. */
    private static EpisodeRow row(ResultSet rs, int rowNumber, Map<Long, String> therapists, Map<Long, String> locations,
                                  int painFreeDays) throws SQLException {
        LocalDate start = rs.getObject(3, LocalDate.class);
        LocalDate discharge = rs.getObject(4, LocalDate.class);
        LocalDate birth = rs.getObject(7, LocalDate.class);
        LocalDate lastDue = rs.getObject(19, LocalDate.class);
        LocalDate onset = rs.getObject(20, LocalDate.class);
        boolean recurred = onset != null;
        long days = recurred ? ChronoUnit.DAYS.between(discharge, onset)
                : lastDue == null ? 0 : ChronoUnit.DAYS.between(discharge, lastDue);
        String startBack = rs.getString(18);
        long therapistId = rs.getLong(1);
        long locationId = rs.getLong(2);
        Boolean recovered = recovered(recurred, rs.getInt(21) == 1, discharge, rs.getObject(22, LocalDate.class),
                rs.getObject(23, LocalDate.class), painFreeDays);
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
                recurred,
                therapists.get(therapistId),
                locations.get(locationId),
                recovered);
        return new EpisodeRow(episode, therapistId, locationId, discharge);
    }

    /** The recovery rule of the class comment; null when nothing tells. */
    static @Nullable Boolean recovered(boolean recurred, boolean checkInFoundNoRecovery, LocalDate discharge,
                                       @Nullable LocalDate recoverySeenOn, @Nullable LocalDate nextStart, int painFreeDays) {
        if (recurred) {
            return true;
        }
        if (checkInFoundNoRecovery
                || (nextStart != null && ChronoUnit.DAYS.between(discharge, nextStart) < painFreeDays)) {
            return false;
        }
        if (recoverySeenOn != null && ChronoUnit.DAYS.between(discharge, recoverySeenOn) >= painFreeDays) {
            return true;
        }
        return null;
    }

    private static @Nullable Double number(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /**
     * Issue 12: how the check-ins that have fallen due were completed, by plan group (isolated: at most
     * {@code isolatedMax} factors addressed; broad: more), for the same episodes as the report. A check-in counts as
     * EMAIL or CALL by how it was answered; a pending one as NEW_EPISODE when the patient came back for care (a
     * care-seeking recurrence) before it fell due; otherwise as missing. Informative loss to follow-up shows as
     * different completeness between the groups.
     *
     * <p>One grouped join in the database, fast at a million episodes: the plan group lives in the report aggregate,
     * the answer in the follow-ups module's published view of its check-ins (V20_1), which says in its own terms how
     * each was answered.
     */
    List<RecurrenceReport.ChannelRow> followUpChannels(long clinicId, ReportFilter filter, int isolatedMax, java.time.LocalDate today) {
        StringBuilder sql = new StringBuilder("""
                select case when (case when e.f_movement > 0 then 1 else 0 end + case when e.f_mobility > 0 then 1 else 0 end
                                  + case when e.f_strength > 0 then 1 else 0 end + case when e.f_recovery > 0 then 1 else 0 end
                                  + case when e.f_beliefs > 0 then 1 else 0 end) <= ? then 'ISOLATED' else 'BROAD' end as plan_group,
                       coalesce(a.answered_by, case when a.care_sought_by_due then 'NEW_EPISODE' else 'MISSING' end) as channel,
                       count(*)
                  from report_episode e
                  join followups_check_in_answer a on a.clinic_id = e.clinic_id and a.episode_id = e.episode_id
                 where e.clinic_id = ? and a.due_date <= ?
                """);
        List<Object> params = new ArrayList<>(List.of(isolatedMax, clinicId, Date.valueOf(today)));
        appendFilter(filter, sql, params);
        sql.append(" group by 1, 2");
        Map<String, int[]> counts = new java.util.LinkedHashMap<>();
        counts.put("ISOLATED", new int[4]);
        counts.put("BROAD", new int[4]);
        // answered_by holds the follow-ups module's CheckInChannel names; an unknown one fails here rather than vanish
        List<String> channels = List.of(CheckInChannel.EMAIL.name(), CheckInChannel.CALL.name(), "NEW_EPISODE", "MISSING");
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            counts.get(rs.getString(1))[channels.indexOf(rs.getString(2))] += rs.getInt(3);
        });
        List<RecurrenceReport.ChannelRow> rows = new ArrayList<>();
        int[] all = new int[4];
        counts.forEach((group, c) -> {
            rows.add(new RecurrenceReport.ChannelRow(group, c[0], c[1], c[2], c[3]));
            for (int i = 0; i < 4; i++) {
                all[i] += c[i];
            }
        });
        rows.add(new RecurrenceReport.ChannelRow("ALL", all[0], all[1], all[2], all[3]));
        return rows;
    }
}
