package io.backstory.visits;

import io.backstory.base.AbstractEntity;
import io.backstory.base.ClinicalNote;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.EnumSet;
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

    // The link tables carry clinic_id too (tenant distribution column), hence embeddables rather than plain values.
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "visit_factor", joinColumns = @JoinColumn(name = "visit_id"))
    private Set<FactorRow> factors = new HashSet<>();

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
        factors.clear();
        allFactors.forEach(f -> factors.add(new FactorRow(clinicId, f)));
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
        EnumSet<Factor> set = EnumSet.noneOf(Factor.class);
        factors.forEach(f -> set.add(f.factor));
        return set;
    }

    Set<Long> interventionIds() {
        return interventions.stream().map(i -> i.interventionId).collect(Collectors.toCollection(TreeSet::new));
    }

    @Embeddable
    static class FactorRow {
        @Column(name = "clinic_id", nullable = false)
        long clinicId;

        @Enumerated(EnumType.STRING)
        @Column(name = "factor", nullable = false, length = 10)
        Factor factor = Factor.MOVEMENT;

        protected FactorRow() {
        }

        FactorRow(long clinicId, Factor factor) {
            this.clinicId = clinicId;
            this.factor = factor;
        }

        @Override public boolean equals(Object o) { return o instanceof FactorRow r && r.factor == factor && r.clinicId == clinicId; }
        @Override public int hashCode() { return factor.hashCode(); }
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
