package io.backstory.followups;

import io.backstory.base.AbstractEntity;
import io.backstory.base.ClinicalNote;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "follow_up")
class FollowUp extends AbstractEntity {

    @Column(name = "clinic_id", nullable = false)
    private long clinicId;

    @Column(name = "episode_id", nullable = false)
    private long episodeId;

    @Column(name = "months_after", nullable = false)
    private int monthsAfter;

    @Column(name = "due_date", nullable = false)
    private LocalDate dueDate = LocalDate.EPOCH;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private FollowUpStatus status = FollowUpStatus.PENDING;

    @Column(name = "completed_on")
    private @Nullable LocalDate completedOn;

    private @Nullable Boolean reached;

    @Column(name = "pain_free")
    private @Nullable Boolean painFree;

    /** What the recurrence rule decided ({@link RecurrenceDecision.Outcome}); null until reached. */
    @Column(length = 30)
    private @Nullable String outcome;

    @Column(name = "current_nprs")
    private @Nullable Integer currentNprs;

    @Column(length = ClinicalNote.MAX_LENGTH)
    private @Nullable String note;

    /** How the check-in was answered ({@link CheckInChannel}); null before issue 12 or while pending. */
    @Column(length = 8)
    private @Nullable String channel;

    protected FollowUp() {
    }

    FollowUp(long clinicId, long episodeId, int monthsAfter, LocalDate dueDate) {
        this.clinicId = clinicId;
        this.episodeId = episodeId;
        this.monthsAfter = monthsAfter;
        this.dueDate = dueDate;
    }

    /**
     * A patient not reached keeps the check-in open (pending) so it stays on the worklist. The rule's decision is
     * kept: a patient whose pain never resolved has no recurrence, and only this tells them apart (persistent pain).
     */
    void record(LocalDate on, CheckInAnswer answer, RecurrenceDecision decision, @Nullable String note,
                CheckInChannel channel) {
        this.reached = answer.reached();
        this.note = note == null || note.isBlank() ? null : note.strip();
        if (answer.reached()) {
            this.status = FollowUpStatus.COMPLETED;
            this.completedOn = on;
            this.painFree = answer.painFreeSinceDischarge();
            this.outcome = decision.outcome().name();
            this.channel = channel.name();
        }
    }

    FollowUpSummary toSummary() {
        return new FollowUpSummary(getId() == null ? 0 : getId(), getVersion(), episodeId, monthsAfter, dueDate, status,
                completedOn, reached, painFree);
    }

    long getClinicId() { return clinicId; }
    long getEpisodeId() { return episodeId; }
    int getMonthsAfter() { return monthsAfter; }
    LocalDate getDueDate() { return dueDate; }
    FollowUpStatus getStatus() { return status; }
    @Nullable LocalDate getCompletedOn() { return completedOn; }
    @Nullable Boolean getReached() { return reached; }
    @Nullable Boolean getPainFree() { return painFree; }
    @Nullable String getOutcome() { return outcome; }
}
