package io.backstory.patients;

import java.time.LocalDate;

/** Published inside the opening transaction, so a listener's writes commit or roll back with the episode. */
public record EpisodeOpened(long episodeId, long clinicId, long patientId, LocalDate startDate) {
}
