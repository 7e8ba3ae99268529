package io.backstory.importexport;

import java.util.List;

/**
 * The CSV files an import takes (docs/import.md), in the order they are read: a later file refers to the
 * external ids of an earlier one. Each lists its fields; the column mapping says which header holds each.
 */
public enum ImportKind {
    PATIENTS("patients.csv", "patient_id", List.of("patient_id", "first_name", "last_name", "date_of_birth", "sex"),
            List.of("phone", "email", "consent_follow_up")),
    EPISODES("episodes.csv", "episode_id", List.of("episode_id", "patient_id", "start_date", "chronicity"),
            List.of("therapist", "location", "discharge_date", "discharge_reason", "prior_episodes")),
    VISITS("visits.csv", "visit_id", List.of("visit_id", "episode_id", "visit_date", "minutes"),
            List.of("therapist", "nprs", "codes", "f_movement", "f_mobility", "f_strength", "f_recovery", "f_beliefs", "note")),
    MEASURES("measures.csv", "measure_id", List.of("measure_id", "episode_id", "instrument", "timepoint", "recorded_on", "score"),
            List.of("category", "subscales")),
    CHECKINS("checkins.csv", "checkin_id", List.of("checkin_id", "episode_id", "months_after", "due_date"),
            List.of("status", "completed_on", "pain_free", "current_nprs", "note")),
    RECURRENCES("recurrences.csv", "recurrence_id", List.of("recurrence_id", "episode_id", "onset_date", "care_sought", "source"),
            List.of("intensity", "lasted_24h", "activity_limiting", "checkin_id", "new_episode_id"));

    private final String fileName;
    private final String idField;
    private final List<String> required;
    private final List<String> optional;

    ImportKind(String fileName, String idField, List<String> required, List<String> optional) {
        this.fileName = fileName;
        this.idField = idField;
        this.required = required;
        this.optional = optional;
    }

    public String fileName() {
        return fileName;
    }

    public String idField() {
        return idField;
    }

    public List<String> required() {
        return required;
    }

    public List<String> optional() {
        return optional;
    }

    public List<String> fields() {
        return java.util.stream.Stream.concat(required.stream(), optional.stream()).toList();
    }
}
