package io.backstory.followups;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** The first recurrence after a discharged episode; the table allows one per episode, so none is counted twice. */
@Entity
@Table(name = "recurrence")
class Recurrence {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(name = "clinic_id", nullable = false)
    private long clinicId;

    @Column(name = "episode_id", nullable = false)
    private long episodeId;

    @Column(name = "onset_date", nullable = false)
    private LocalDate onsetDate = LocalDate.EPOCH;

    private @Nullable Integer intensity;

    @Column(name = "lasted_24h")
    private @Nullable Boolean lasted24h;

    @Column(name = "activity_limiting")
    private @Nullable Boolean activityLimiting;

    @Column(name = "care_sought", nullable = false)
    private boolean careSought;

    @Column(nullable = false, length = 12)
    private String source = "";

    @Column(name = "follow_up_id")
    private @Nullable Long followUpId;

    @Column(name = "new_episode_id")
    private @Nullable Long newEpisodeId;

    protected Recurrence() {
    }

    static Recurrence fromFollowUp(long clinicId, long episodeId, long followUpId, CheckInAnswer a) {
        Recurrence r = new Recurrence();
        r.clinicId = clinicId;
        r.episodeId = episodeId;
        r.onsetDate = a.onset();
        r.intensity = a.worstIntensity();
        r.lasted24h = a.lastedMinimumDuration();
        r.activityLimiting = a.limitedActivity();
        r.careSought = Boolean.TRUE.equals(a.soughtCare());
        r.source = RecurrenceSummary.Source.FOLLOW_UP.name();
        r.followUpId = followUpId;
        return r;
    }

    static Recurrence fromNewEpisode(long clinicId, long episodeId, long newEpisodeId, LocalDate onset) {
        Recurrence r = new Recurrence();
        r.clinicId = clinicId;
        r.episodeId = episodeId;
        r.onsetDate = onset;
        r.careSought = true;
        r.source = RecurrenceSummary.Source.NEW_EPISODE.name();
        r.newEpisodeId = newEpisodeId;
        return r;
    }

    RecurrenceSummary toSummary() {
        return new RecurrenceSummary(id == null ? 0 : id, episodeId, onsetDate, intensity, lasted24h, activityLimiting,
                careSought, RecurrenceSummary.Source.valueOf(source));
    }
}
