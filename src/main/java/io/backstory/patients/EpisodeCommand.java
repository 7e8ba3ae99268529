package io.backstory.patients;

import io.backstory.analytics.Chronicity;
import java.time.LocalDate;

/** The intake of a new episode of care; baseline measures are recorded beside it by the measures module. */
public record EpisodeCommand(long patientId, long therapistId, long locationId, LocalDate startDate,
                             Chronicity chronicity, int priorEpisodes) {
}
