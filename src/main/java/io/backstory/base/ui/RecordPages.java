package io.backstory.base.ui;

/**
 * Opens a patient's or an episode's page from a view of any module (the patient list, the follow-up worklist).
 * The pages live in the care module, which depends on those modules; this interface lets their views navigate
 * there, typed, without a dependency back on care (which would be a cycle). Implemented by {@code care.ui.CarePages}.
 */
public interface RecordPages {

    void openPatient(long patientId);

    void openEpisode(long episodeId);
}
