package io.backstory.patients;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface EpisodeRepository extends JpaRepository<Episode, Long> {

    Optional<Episode> findByIdAndClinicId(long id, long clinicId);

    List<Episode> findByPatientIdAndClinicIdOrderByStartDateDesc(long patientId, long clinicId);

    boolean existsByPatientIdAndClinicIdAndDischargeDateIsNull(long patientId, long clinicId);

    /** The patient's episode discharged last on or before {@code onOrBefore}, other than {@code excludedId}; ties on the date go to the higher id. */
    @Query("""
            select e from Episode e
            where e.clinicId = :clinicId and e.patientId = :patientId and e.id <> :excludedId and e.dischargeDate <= :onOrBefore
            order by e.dischargeDate desc, e.id desc limit 1""")
    Optional<Episode> lastDischargedBefore(long clinicId, long patientId, long excludedId, LocalDate onOrBefore);
}
