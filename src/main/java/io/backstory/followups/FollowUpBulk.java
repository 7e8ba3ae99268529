package io.backstory.followups;

import io.backstory.base.BulkRows;
import io.backstory.base.BulkTable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Check-ins and recurrences in bulk, for trusted whole-clinic paths: the exports stream every row of a clinic in id
 * order (one query each, a cursor inside the caller's transaction), the demo seed writes generated rows with their ids
 * already assigned. These bypass the services' per-record checks and audit rows; the callers audit or authorize the
 * bulk operation as a whole.
 */
@Component
public class FollowUpBulk {

    /** A check-in row as stored. */
    public record FollowUpRecord(long id, long episodeId, int monthsAfter, LocalDate due, FollowUpStatus status,
                                 @Nullable LocalDate completedOn, @Nullable Boolean reached, @Nullable Boolean painFree,
                                 @Nullable Integer currentNprs, @Nullable String note) {
    }

    /** A recurrence row as stored; {@code source} is FOLLOW_UP or NEW_EPISODE. */
    public record RecurrenceRecord(long id, long episodeId, LocalDate onset, @Nullable Integer intensity, @Nullable Boolean lasted24h,
                                   @Nullable Boolean activityLimiting, boolean careSought, String source, @Nullable Long followUpId,
                                   @Nullable Long newEpisodeId) {
    }

    /** {@code follow_up}'s bulk-load contract (the CSV import): the columns a trusted bulk load writes, in this order. */
    public static final BulkTable IMPORT_CHECK_INS = new BulkTable("follow_up", List.of("episode_id", "months_after", "due_date", "status",
            "completed_on", "reached", "pain_free", "current_nprs", "note", "outcome"));

    /** {@code recurrence}'s bulk-load contract (the CSV import): the columns a trusted bulk load writes, in this order. */
    public static final BulkTable IMPORT_RECURRENCES = new BulkTable("recurrence", List.of("episode_id", "onset_date", "intensity",
            "lasted_24h", "activity_limiting", "care_sought", "source", "follow_up_id", "new_episode_id"));

    private final JdbcTemplate jdbc;
    /** the bulk load's per-batch checks: one round trip each, not fetched in pieces as the streamed reads are */
    private final JdbcTemplate checks;

    FollowUpBulk(DataSource dataSource) {
        this.jdbc = BulkRows.streaming(dataSource);
        this.checks = new JdbcTemplate(dataSource);
    }

    /**
     * The clinic's check-ins of these episodes, as "episode id/months after" keys: a bulk load refuses a second
     * check-in per episode and month (the table's unique key) by adding its rows' keys to this (modifiable) set. One
     * query for a whole batch of episodes (call inside the load's transaction: it sees the rows written so far).
     */
    public Set<String> checkInsOf(long clinicId, Collection<Long> episodeIds) {
        Set<String> found = new HashSet<>();
        BulkRows.lookup(checks, "cast(x.episode_id as varchar) || '/' || cast(x.months_after as varchar)", "follow_up", "episode_id", "",
                "bigint", clinicId, episodeIds.toArray(), rs -> {
                    found.add(rs.getString(1));
                });
        return found;
    }

    /**
     * Which of these episodes of the clinic have their recurrence already (one per episode, the table's unique key),
     * as a modifiable set a bulk load adds its rows' episodes to. One query for a whole batch of episodes.
     */
    public Set<Long> episodesWithRecurrence(long clinicId, Collection<Long> episodeIds) {
        Set<Long> found = new HashSet<>();
        BulkRows.lookup(checks, "x.episode_id", "recurrence", "episode_id", "", "bigint", clinicId, episodeIds.toArray(), rs -> {
            found.add(rs.getLong(1));
        });
        return found;
    }

    /** Every check-in of the clinic in id order, streamed (call inside a transaction). */
    public void forEachFollowUp(long clinicId, Consumer<FollowUpRecord> each) {
        jdbc.query("""
                select id, episode_id, months_after, due_date, status, completed_on, reached, pain_free, current_nprs, note
                  from follow_up where clinic_id = ? order by id""", rs -> {
            each.accept(new FollowUpRecord(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getObject(4, LocalDate.class),
                    FollowUpStatus.valueOf(rs.getString(5)), rs.getObject(6, LocalDate.class), rs.getObject(7, Boolean.class),
                    rs.getObject(8, Boolean.class), rs.getObject(9, Integer.class), rs.getString(10)));
        }, clinicId);
    }

    /** Every recurrence of the clinic in id order, streamed (call inside a transaction). */
    public void forEachRecurrence(long clinicId, Consumer<RecurrenceRecord> each) {
        jdbc.query("""
                select id, episode_id, onset_date, intensity, lasted_24h, activity_limiting, care_sought, source, follow_up_id,
                       new_episode_id
                  from recurrence where clinic_id = ? order by id""", rs -> {
            each.accept(new RecurrenceRecord(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class), rs.getObject(4, Integer.class),
                    rs.getObject(5, Boolean.class), rs.getObject(6, Boolean.class), rs.getBoolean(7), rs.getString(8),
                    rs.getObject(9, Long.class), rs.getObject(10, Long.class)));
        }, clinicId);
    }

    /** Writes check-ins with the ids they carry; their episodes must exist in the clinic. */
    public void insertFollowUps(long clinicId, List<FollowUpRecord> followUps) {
        BulkRows.insert(jdbc, "insert into follow_up (id, clinic_id, episode_id, months_after, due_date, status, completed_on, reached, "
                + "pain_free, current_nprs, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", followUps.stream().map(f -> new Object[] {f.id(),
                clinicId, f.episodeId(), f.monthsAfter(), Date.valueOf(f.due()), f.status().name(),
                f.completedOn() == null ? null : Date.valueOf(f.completedOn()), f.reached(), f.painFree(), f.currentNprs(), f.note()})
                .toList());
    }

    /** Writes recurrences with the ids they carry; their episodes and check-ins must exist in the clinic. */
    public void insertRecurrences(long clinicId, List<RecurrenceRecord> recurrences) {
        BulkRows.insert(jdbc, "insert into recurrence (id, clinic_id, episode_id, onset_date, intensity, lasted_24h, activity_limiting, "
                + "care_sought, source, follow_up_id, new_episode_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", recurrences.stream()
                .map(r -> new Object[] {r.id(), clinicId, r.episodeId(), Date.valueOf(r.onset()), r.intensity(), r.lasted24h(),
                        r.activityLimiting(), r.careSought(), r.source(), r.followUpId(), r.newEpisodeId()}).toList());
    }

    /** The highest check-in and recurrence ids over all clinics (ids are global; 0 when there is none): number new rows after them. */
    public LastIds lastIds() {
        return new LastIds(BulkRows.lastId(jdbc, "follow_up"), BulkRows.lastId(jdbc, "recurrence"));
    }

    /** The highest ids in use. */
    public record LastIds(long followUp, long recurrence) {
    }

    /** After rows were written with explicit ids: new check-ins and recurrences continue numbering after them. */
    public void restartIdentities() {
        BulkRows.restartIdentities(jdbc, "follow_up", "recurrence");
    }
}
