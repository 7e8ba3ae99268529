package io.backstory.patients;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface PatientRepository extends JpaRepository<Patient, Long> {

    /** Every lookup names the clinic: object-level authorization lives in the query itself. */
    Optional<Patient> findByIdAndClinicId(long id, long clinicId);

    long countByClinicId(long clinicId);

    /**
     * The patient row locked until the transaction ends (SELECT ... FOR UPDATE): two intakes for the same patient
     * at once run one after the other, so the "one open episode" check cannot be passed twice.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Patient p where p.id = :id and p.clinicId = :clinicId")
    Optional<Patient> lockByIdAndClinicId(long id, long clinicId);
}
