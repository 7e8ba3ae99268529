package io.backstory.visits;

import io.backstory.base.BulkRows;
import io.backstory.base.BulkTable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

    /** The visit's five factor columns, in {@link Factor} order. */
    private static final String FACTOR_COLUMNS = Arrays.stream(Factor.values()).map(f -> "v." + f.column())
            .collect(Collectors.joining(", "));

    /** The factors in name order: the order the export has always listed a visit's factors in. */
    private static final List<Factor> BY_NAME = Arrays.stream(Factor.values())
            .sorted(java.util.Comparator.comparing(Factor::name)).toList();

    /**
     * {@code visit}'s bulk-load contract (the CSV import): the columns a trusted bulk load writes, in this order; a factor
     * flag each (V19_1), in {@link Factor} order.
     */
    public static final BulkTable IMPORT_VISITS = new BulkTable("visit", Stream.concat(Stream.of("episode_id", "visit_date", "therapist_id",
            "minutes", "nprs", "note"), Arrays.stream(Factor.values()).map(Factor::column)).toList());

    private final JdbcTemplate jdbc;

    VisitBulk(DataSource dataSource) {
        this.jdbc = BulkRows.streaming(dataSource);
    }

    /** Every visit of the clinic in id order, with its factors, streamed (call inside a transaction). */
    public void forEachVisit(long clinicId, Consumer<VisitRecord> each) {
        jdbc.query("select v.id, v.episode_id, v.visit_date, v.therapist_id, v.minutes, v.nprs, v.note, " + FACTOR_COLUMNS
                + " from visit v where v.clinic_id = ? order by v.id", rs -> {
            each.accept(new VisitRecord(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class), rs.getLong(4), rs.getInt(5),
                    rs.getObject(6, Integer.class), rs.getString(7), factors(rs, 8)));
        }, clinicId);
    }

    /** Every factor addressed at a visit of the clinic, by visit id and then factor name, streamed (call inside a transaction). */
    public void forEachVisitFactor(long clinicId, Consumer<VisitFactorRecord> each) {
        jdbc.query("select v.id, v.episode_id, v.visit_date, " + FACTOR_COLUMNS + " from visit v where v.clinic_id = ? "
                + "and (" + FACTOR_COLUMNS.replace(", ", " or ") + ") order by v.id", rs -> {
            Set<Factor> factors = factors(rs, 4);
            for (Factor f : BY_NAME) {
                if (factors.contains(f)) {
                    each.accept(new VisitFactorRecord(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class), f));
                }
            }
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
        BulkRows.insert(jdbc, "insert into visit (id, clinic_id, episode_id, visit_date, therapist_id, minutes, nprs, note, "
                + FACTOR_COLUMNS.replace("v.", "") + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                visits.stream().map(v -> new Object[] {v.id(), clinicId, v.episodeId(), Date.valueOf(v.date()), v.therapistId(),
                        v.minutes(), v.nprs(), v.note(), v.factors().contains(Factor.MOVEMENT), v.factors().contains(Factor.MOBILITY),
                        v.factors().contains(Factor.STRENGTH), v.factors().contains(Factor.RECOVERY),
                        v.factors().contains(Factor.BELIEFS)}).toList());
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

    /** The five factor columns starting at {@code first}. */
    private static Set<Factor> factors(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
        return Factor.of(rs.getBoolean(first), rs.getBoolean(first + 1), rs.getBoolean(first + 2), rs.getBoolean(first + 3),
                rs.getBoolean(first + 4));
    }
}
