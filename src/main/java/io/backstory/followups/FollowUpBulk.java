package io.backstory.followups;

import io.backstory.base.BulkRows;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
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

    private final JdbcTemplate jdbc;

    FollowUpBulk(DataSource dataSource) {
        this.jdbc = BulkRows.streaming(dataSource);
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
