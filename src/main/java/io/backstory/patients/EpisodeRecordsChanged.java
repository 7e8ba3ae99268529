package io.backstory.patients;

/**
 * Something recorded against an episode changed: a visit, an outcome measure, a check-in or a recurrence.
 * Published by the module that made the change, inside its transaction, so whatever is derived from the
 * episode's records (the report's per-episode aggregate) commits together with the change or not at all.
 */
public record EpisodeRecordsChanged(long clinicId, long episodeId) {
}
