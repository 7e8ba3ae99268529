package io.backstory.clinic;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ClinicRepository extends JpaRepository<Clinic, Long> {
}

interface LocationRepository extends JpaRepository<Location, Long> {
    List<Location> findByClinicIdOrderByName(long clinicId);

    Optional<Location> findByIdAndClinicId(long id, long clinicId);
}

interface ClinicSettingsRepository extends JpaRepository<ClinicSettingsEntity, Long> {
}
