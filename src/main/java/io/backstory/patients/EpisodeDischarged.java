package io.backstory.patients;

import java.time.LocalDate;

/** Published inside the discharge transaction: the follow-ups it schedules commit together with it. */
public record EpisodeDischarged(long episodeId, long clinicId, long patientId, LocalDate dischargeDate) {
}
