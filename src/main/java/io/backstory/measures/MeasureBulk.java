package io.backstory.measures;

import io.backstory.base.BulkRows;
import io.backstory.base.BulkTable;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Recorded measures in bulk, for trusted whole-clinic paths: the exports stream every measure of a clinic in id order
 * (one query, a cursor inside the caller's transaction), the demo seed writes generated scores with their ids already
 * assigned. These bypass the services' per-record checks and audit rows; the callers audit or authorize the bulk
 * operation as a whole.
 */
@Component
public class MeasureBulk {

    /**
     * A measure row as stored: {@code instrument} is the stored key ({@link Instrument#key()}), {@code timepoint} a
     * {@link Timepoint} name, {@code score} the stored numeric(6, 2).
     */
    public record MeasureRecord(long id, long episodeId, @Nullable Long visitId, String instrument, String timepoint, LocalDate recordedOn,
                                BigDecimal score, @Nullable String subscales, @Nullable String category) {
    }

    /** {@code measure}'s bulk-load contract (the CSV import): the columns a trusted bulk load writes, in this order. */
    public static final BulkTable IMPORT_MEASURES = new BulkTable("measure", List.of("episode_id", "instrument", "timepoint", "recorded_on",
            "score", "category", "subscales"));

    private final JdbcTemplate jdbc;

    MeasureBulk(DataSource dataSource) {
        this.jdbc = BulkRows.streaming(dataSource);
    }

    /** Every measure of the clinic in id order, streamed (call inside a transaction). */
    public void forEachMeasure(long clinicId, Consumer<MeasureRecord> each) {
        jdbc.query("""
                select id, episode_id, visit_id, instrument, timepoint, recorded_on, score, subscales, category
                  from measure where clinic_id = ? order by id""", rs -> {
            each.accept(new MeasureRecord(rs.getLong(1), rs.getLong(2), rs.getObject(3, Long.class), rs.getString(4), rs.getString(5),
                    rs.getObject(6, LocalDate.class), rs.getBigDecimal(7), rs.getString(8), rs.getString(9)));
        }, clinicId);
    }

    /** Writes measures with the ids they carry; their episodes (and visits) must exist in the clinic. */
    public void insert(long clinicId, List<MeasureRecord> measures) {
        BulkRows.insert(jdbc, "insert into measure (id, clinic_id, episode_id, visit_id, instrument, timepoint, recorded_on, score, "
                + "subscales, category) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", measures.stream().map(m -> new Object[] {m.id(), clinicId,
                m.episodeId(), m.visitId(), m.instrument(), m.timepoint(), Date.valueOf(m.recordedOn()), m.score(), m.subscales(),
                m.category()}).toList());
    }

    /** The highest measure id over all clinics (ids are global), 0 when there is none. */
    public long lastMeasureId() {
        return BulkRows.lastId(jdbc, "measure");
    }

    /** After rows were written with explicit ids: new measures continue numbering after them. */
    public void restartIdentities() {
        BulkRows.restartIdentities(jdbc, "measure");
    }
}
