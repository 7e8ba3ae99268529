package io.backstory.patients;

import io.backstory.base.BulkRows;
import io.backstory.base.BulkTable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Patients and episodes in bulk, for trusted whole-clinic paths: the exports stream every row of a clinic in id order
 * (one query each, a cursor inside the caller's transaction), the demo seed writes generated rows with their ids
 * already assigned. These bypass the services' per-record checks and audit rows, which exist for people entering and
 * reading single records; the callers audit or authorize the bulk operation as a whole.
 */
@Component
public class PatientBulk {

    /** A patient row as stored; {@code sex} is F, M or X. */
    public record PatientRecord(long id, String firstName, String lastName, LocalDate dateOfBirth, String sex,
                                @Nullable String phone, @Nullable String email, boolean consentToFollowUp) {
    }

    /** An episode row as stored; {@code dischargeReason} and {@code chronicity} are the stored codes. */
    public record EpisodeRecord(long id, long patientId, long therapistId, long locationId, LocalDate start,
                                @Nullable LocalDate discharge, @Nullable String dischargeReason, String chronicity, int priorEpisodes) {
    }

    /** {@code patient}'s bulk-load contract (the CSV import): the columns a trusted bulk load writes, in this order. */
    public static final BulkTable IMPORT_PATIENTS = new BulkTable("patient", List.of("first_name", "last_name", "date_of_birth", "sex",
            "phone", "email", "consent_follow_up"));

    /** {@code episode}'s bulk-load contract (the CSV import): the columns a trusted bulk load writes, in this order. */
    public static final BulkTable IMPORT_EPISODES = new BulkTable("episode", List.of("patient_id", "therapist_id", "location_id",
            "start_date", "discharge_date", "discharge_reason", "chronicity", "prior_episodes"));

    private final JdbcTemplate jdbc;

    PatientBulk(DataSource dataSource) {
        this.jdbc = BulkRows.streaming(dataSource);
    }

    /** Every patient of the clinic in id order, streamed (call inside a transaction). */
    public void forEachPatient(long clinicId, Consumer<PatientRecord> each) {
        jdbc.query("""
                select id, first_name, last_name, date_of_birth, sex, phone, email, consent_follow_up
                  from patient where clinic_id = ? order by id""", rs -> {
            each.accept(new PatientRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(),
                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8)));
        }, clinicId);
    }

    /** Every episode of the clinic in id order, streamed (call inside a transaction). */
    public void forEachEpisode(long clinicId, Consumer<EpisodeRecord> each) {
        jdbc.query("""
                select id, patient_id, therapist_id, location_id, start_date, discharge_date, discharge_reason, chronicity, prior_episodes
                  from episode where clinic_id = ? order by id""", rs -> {
            each.accept(new EpisodeRecord(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getDate(5).toLocalDate(),
                    rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8), rs.getInt(9)));
        }, clinicId);
    }

    /** Writes patients with the ids they carry (see {@link #lastIds()} and {@link #restartIdentities()}). */
    public void insertPatients(long clinicId, List<PatientRecord> patients) {
        BulkRows.insert(jdbc, "insert into patient (id, clinic_id, first_name, last_name, date_of_birth, sex, phone, email, consent_follow_up) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)", patients.stream().map(p -> new Object[] {p.id(), clinicId, p.firstName(),
                p.lastName(), Date.valueOf(p.dateOfBirth()), p.sex(), p.phone(), p.email(), p.consentToFollowUp()}).toList());
    }

    /** Writes episodes with the ids they carry; their patients, therapists and locations must exist in the clinic. */
    public void insertEpisodes(long clinicId, List<EpisodeRecord> episodes) {
        BulkRows.insert(jdbc, "insert into episode (id, clinic_id, patient_id, therapist_id, location_id, start_date, discharge_date, "
                + "discharge_reason, chronicity, prior_episodes) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", episodes.stream()
                .map(e -> new Object[] {e.id(), clinicId, e.patientId(), e.therapistId(), e.locationId(), Date.valueOf(e.start()),
                        e.discharge() == null ? null : Date.valueOf(e.discharge()), e.dischargeReason(), e.chronicity(), e.priorEpisodes()})
                .toList());
    }

    /** The highest patient and episode ids over all clinics (ids are global; 0 when there is none): number new rows after them. */
    public LastIds lastIds() {
        return new LastIds(BulkRows.lastId(jdbc, "patient"), BulkRows.lastId(jdbc, "episode"));
    }

    /** The highest ids in use. */
    public record LastIds(long patient, long episode) {
    }

    /** After rows were written with explicit ids: new patients and episodes continue numbering after them. */
    public void restartIdentities() {
        BulkRows.restartIdentities(jdbc, "patient", "episode");
    }
}
