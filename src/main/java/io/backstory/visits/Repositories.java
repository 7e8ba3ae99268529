package io.backstory.visits;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface VisitRepository extends JpaRepository<Visit, Long> {

    Optional<Visit> findByIdAndClinicId(long id, long clinicId);

    List<Visit> findByEpisodeIdAndClinicIdOrderByVisitDateAscIdAsc(long episodeId, long clinicId);

    Optional<Visit> findFirstByEpisodeIdAndClinicIdOrderByVisitDateDescIdDesc(long episodeId, long clinicId);
}

interface InterventionRepository extends JpaRepository<Intervention, Long> {

    @Query("select i from Intervention i where (i.clinicId is null or i.clinicId = :clinicId) and i.active = true order by i.name")
    List<Intervention> catalogue(@Param("clinicId") long clinicId);
}
