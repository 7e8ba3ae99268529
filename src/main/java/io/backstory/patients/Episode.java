package io.backstory.patients;

import io.backstory.analytics.Chronicity;
import io.backstory.base.AbstractEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "episode")
class Episode extends AbstractEntity {

    @Column(name = "clinic_id", nullable = false)
    private long clinicId;

    @Column(name = "patient_id", nullable = false)
    private long patientId;

    @Column(name = "therapist_id", nullable = false)
    private long therapistId;

    @Column(name = "location_id", nullable = false)
    private long locationId;

    @Column(name = "start_date", nullable = false)
    private LocalDate startDate = LocalDate.EPOCH;

    @Column(name = "discharge_date")
    private @Nullable LocalDate dischargeDate;

    @Enumerated(EnumType.STRING)
    @Column(name = "discharge_reason", length = 20)
    private @Nullable DischargeReason dischargeReason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Chronicity chronicity = Chronicity.ACUTE;

    @Column(name = "prior_episodes", nullable = false)
    private int priorEpisodes;

    protected Episode() {
    }

    Episode(long clinicId, long patientId, EpisodeCommand c) {
        this.clinicId = clinicId;
        this.patientId = patientId;
        this.therapistId = c.therapistId();
        this.locationId = c.locationId();
        this.startDate = c.startDate();
        this.chronicity = c.chronicity();
        this.priorEpisodes = c.priorEpisodes();
    }

    void discharge(LocalDate date, DischargeReason reason) {
        this.dischargeDate = date;
        this.dischargeReason = reason;
    }

    long getClinicId() { return clinicId; }
    long getPatientId() { return patientId; }
    long getTherapistId() { return therapistId; }
    long getLocationId() { return locationId; }
    LocalDate getStartDate() { return startDate; }
    @Nullable LocalDate getDischargeDate() { return dischargeDate; }
    @Nullable DischargeReason getDischargeReason() { return dischargeReason; }
    Chronicity getChronicity() { return chronicity; }
    int getPriorEpisodes() { return priorEpisodes; }
}
