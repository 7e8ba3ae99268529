package io.backstory.patients;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Published inside the opening transaction, so a listener's writes commit or roll back with the episode.
 *
 * @param previous the patient's episode discharged last on or before this one's start: the one this episode may be a
 *                 care-seeking recurrence of, and whose report row it changes; null when the patient has none. Found
 *                 once here, for every listener, instead of each asking again.
 */
public record EpisodeOpened(long episodeId, long clinicId, long patientId, LocalDate startDate, @Nullable Previous previous) {

    /** A discharged episode of the same patient. */
    public record Previous(long episodeId, LocalDate dischargeDate) {
    }
}
