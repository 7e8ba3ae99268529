package io.backstory.visits;

import io.backstory.base.AbstractEntity;
import io.backstory.base.ClinicalNote;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "visit")
class Visit extends AbstractEntity {

    @Column(name = "clinic_id", nullable = false)
    private long clinicId;

    @Column(name = "episode_id", nullable = false)
    private long episodeId;

    @Column(name = "visit_date", nullable = false)
    private LocalDate visitDate = LocalDate.EPOCH;

    @Column(name = "therapist_id", nullable = false)
    private long therapistId;

    @Column(nullable = false)
    private int minutes;

    private @Nullable Integer nprs;

    @Column(length = ClinicalNote.MAX_LENGTH)
    private @Nullable String note;

    // The five factors addressed, a column each (V19_1): one row per visit to write, for a form and an import alike.
    @Column(name = "factor_movement", nullable = false)
    private boolean movement;
    @Column(name = "factor_mobility", nullable = false)
    private boolean mobility;
    @Column(name = "factor_strength", nullable = false)
    private boolean strength;
    @Column(name = "factor_recovery", nullable = false)
    private boolean recovery;
    @Column(name = "factor_beliefs", nullable = false)
    private boolean beliefs;

    // The link table carries clinic_id too (tenant distribution column), hence an embeddable rather than a plain value.
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "visit_intervention", joinColumns = @JoinColumn(name = "visit_id"))
    private Set<InterventionRow> interventions = new HashSet<>();

    protected Visit() {
    }

    Visit(long clinicId, long episodeId) {
        this.clinicId = clinicId;
        this.episodeId = episodeId;
    }

    void apply(VisitCommand c, Set<Factor> allFactors) {
        visitDate = c.visitDate();
        therapistId = c.therapistId();
        minutes = c.minutes();
        nprs = c.nprs();
        note = c.note() == null || c.note().isBlank() ? null : c.note().strip();
        movement = allFactors.contains(Factor.MOVEMENT);
        mobility = allFactors.contains(Factor.MOBILITY);
        strength = allFactors.contains(Factor.STRENGTH);
        recovery = allFactors.contains(Factor.RECOVERY);
        beliefs = allFactors.contains(Factor.BELIEFS);
        interventions.clear();
        c.interventionIds().forEach(i -> interventions.add(new InterventionRow(clinicId, i)));
    }

    long getClinicId() { return clinicId; }
    long getEpisodeId() { return episodeId; }
    LocalDate getVisitDate() { return visitDate; }
    long getTherapistId() { return therapistId; }
    int getMinutes() { return minutes; }
    @Nullable Integer getNprs() { return nprs; }
    @Nullable String getNote() { return note; }

    Set<Factor> factorSet() {
        return Factor.of(movement, mobility, strength, recovery, beliefs);
    }

    Set<Long> interventionIds() {
        return interventions.stream().map(i -> i.interventionId).collect(Collectors.toCollection(TreeSet::new));
    }

    @Embeddable
    static class InterventionRow {
        @Column(name = "clinic_id", nullable = false)
        long clinicId;

        @Column(name = "intervention_id", nullable = false)
        long interventionId;

        protected InterventionRow() {
        }

        InterventionRow(long clinicId, long interventionId) {
            this.clinicId = clinicId;
            this.interventionId = interventionId;
        }

        @Override public boolean equals(Object o) { return o instanceof InterventionRow r && r.interventionId == interventionId && r.clinicId == clinicId; }
        @Override public int hashCode() { return Long.hashCode(interventionId); }
    }
}
