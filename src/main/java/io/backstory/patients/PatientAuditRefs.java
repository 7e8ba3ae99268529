package io.backstory.patients;

import io.backstory.security.PatientAuditScope;
import java.util.List;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tells the audit log which episodes are a patient's, so "filter by patient" finds the rows about them. */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class PatientAuditRefs implements PatientAuditScope {

    private final EpisodeRepository episodes;

    @Override
    @Transactional(readOnly = true)
    public List<Long> episodeIds(long clinicId, long patientId) {
        return episodes.findByPatientIdAndClinicIdOrderByStartDateDesc(patientId, clinicId).stream().map(Episode::getId).toList();
    }
}
