package io.backstory.patients;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface PatientRepository extends JpaRepository<Patient, Long> {

    /** Every lookup names the clinic: object-level authorization lives in the query itself. */
    Optional<Patient> findByIdAndClinicId(long id, long clinicId);

    long countByClinicId(long clinicId);
}
