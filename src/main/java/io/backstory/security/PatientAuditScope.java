package io.backstory.security;

import java.util.List;

/**
 * Which audit rows concern one patient. The audit trail records entity ids ("episode", 12 or
 * "episode:12"), and only the patients module knows which episodes are a patient's, so it answers
 * here (the dependency points from patients to security, never back).
 */
public interface PatientAuditScope {

    /** The ids of the patient's episodes in the clinic; empty when the patient is not the clinic's. */
    List<Long> episodeIds(long clinicId, long patientId);
}
