package io.backstory.patients;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface EpisodeRepository extends JpaRepository<Episode, Long> {

    Optional<Episode> findByIdAndClinicId(long id, long clinicId);

    List<Episode> findByPatientIdAndClinicIdOrderByStartDateDesc(long patientId, long clinicId);

    boolean existsByPatientIdAndClinicIdAndDischargeDateIsNull(long patientId, long clinicId);
}
