package io.backstory.visits;

import io.backstory.base.BulkRows;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Visits, the factors they addressed and the interventions given, in bulk, for trusted whole-clinic paths: the
 * exports stream every visit of a clinic in id order (one query, a cursor inside the caller's transaction), the demo
 * seed writes generated visits with their ids already assigned. These bypass the services' per-record checks and
 * audit rows; the callers audit or authorize the bulk operation as a whole.
 */
@Component
public class VisitBulk {

    /** A visit row as stored, with the factors addressed at it (iterated in {@link Factor} order). */
    public record VisitRecord(long id, long episodeId, LocalDate date, long therapistId, int minutes, @Nullable Integer nprs,
                              @Nullable String note, Set<Factor> factors) {

        public VisitRecord {
            factors = Collections.unmodifiableSet(factors.isEmpty() ? EnumSet.noneOf(Factor.class) : EnumSet.copyOf(factors));
        }
    }

    /** One factor addressed at one visit, with the visit's episode and date. */
    public record VisitFactorRecord(long visitId, long episodeId, LocalDate date, Factor factor) {
    }

    /** One intervention given at one visit. */
    public record InterventionGiven(long visitId, long interventionId) {
    }

    /** An intervention of the catalogue a clinic sees (the shared one and its own); {@code factor} null: passive care. */
    public record CatalogueEntry(long id, String code, @Nullable Factor factor, boolean active) {
    }

    /** The factors as bits of one number, so each visit's factors come in one index probe rather than five. */
    private static final String FACTOR_BITS = "(select coalesce(sum(case f.factor when 'MOVEMENT' then 1 when 'MOBILITY' then 2 "
            + "when 'STRENGTH' then 4 when 'RECOVERY' then 8 when 'BELIEFS' then 16 else 0 end), 0) "
            + "from visit_factor f where f.clinic_id = v.clinic_id and f.visit_id = v.id)";

    private final JdbcTemplate jdbc;

    VisitBulk(DataSource dataSource) {
        this.jdbc = BulkRows.streaming(dataSource);
    }

    /** Every visit of the clinic in id order, with its factors, streamed (call inside a transaction). */
    public void forEachVisit(long clinicId, Consumer<VisitRecord> each) {
        jdbc.query("select v.id, v.episode_id, v.visit_date, v.therapist_id, v.minutes, v.nprs, v.note, " + FACTOR_BITS
                + " from visit v where v.clinic_id = ? order by v.id", rs -> {
            each.accept(new VisitRecord(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class), rs.getLong(4), rs.getInt(5),
                    rs.getObject(6, Integer.class), rs.getString(7), factors(rs.getInt(8))));
        }, clinicId);
    }

    /** Every factor addressed at a visit of the clinic, by visit id and then factor name, streamed (call inside a transaction). */
    public void forEachVisitFactor(long clinicId, Consumer<VisitFactorRecord> each) {
        jdbc.query("""
                select vf.visit_id, v.episode_id, v.visit_date, vf.factor
                  from visit_factor vf join visit v on v.clinic_id = vf.clinic_id and v.id = vf.visit_id
                 where vf.clinic_id = ? order by vf.visit_id, vf.factor""", rs -> {
            each.accept(new VisitFactorRecord(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class), Factor.valueOf(rs.getString(4))));
        }, clinicId);
    }

    /** The catalogue the clinic sees: the shared interventions and its own, in id order. */
    public List<CatalogueEntry> catalogue(long clinicId) {
        return jdbc.query("select id, code, factor, active from intervention where clinic_id is null or clinic_id = ? order by id",
                (rs, n) -> {
                    String factor = rs.getString(3);
                    return new CatalogueEntry(rs.getLong(1), rs.getString(2), factor == null ? null : Factor.valueOf(factor), rs.getBoolean(4));
                }, clinicId);
    }

    /**
     * Writes visits with the ids they carry, their factors (in each visit's order) and the interventions given; the
     * episodes, therapists and interventions must exist in the clinic.
     */
    public void insert(long clinicId, List<VisitRecord> visits, List<InterventionGiven> interventions) {
        List<Object[]> factorRows = new ArrayList<>();
        for (VisitRecord v : visits) {
            for (Factor f : v.factors()) {
                factorRows.add(new Object[] {v.id(), clinicId, f.name()});
            }
        }
        BulkRows.insert(jdbc, "insert into visit (id, clinic_id, episode_id, visit_date, therapist_id, minutes, nprs, note) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)", visits.stream().map(v -> new Object[] {v.id(), clinicId, v.episodeId(),
                Date.valueOf(v.date()), v.therapistId(), v.minutes(), v.nprs(), v.note()}).toList());
        BulkRows.insert(jdbc, "insert into visit_factor (visit_id, clinic_id, factor) values (?, ?, ?)", factorRows);
        BulkRows.insert(jdbc, "insert into visit_intervention (visit_id, clinic_id, intervention_id) values (?, ?, ?)",
                interventions.stream().map(i -> new Object[] {i.visitId(), clinicId, i.interventionId()}).toList());
    }

    /** The highest visit id over all clinics (ids are global), 0 when there is none. */
    public long lastVisitId() {
        return BulkRows.lastId(jdbc, "visit");
    }

    /** After rows were written with explicit ids: new visits continue numbering after them. */
    public void restartIdentities() {
        BulkRows.restartIdentities(jdbc, "visit");
    }

    private static Set<Factor> factors(int bits) {
        Set<Factor> factors = EnumSet.noneOf(Factor.class);
        for (Factor f : Factor.values()) {
            if ((bits & (1 << f.ordinal())) != 0) {
                factors.add(f);
            }
        }
        return factors;
    }
}
