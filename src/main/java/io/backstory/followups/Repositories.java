package io.backstory.followups;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface FollowUpRepository extends JpaRepository<FollowUp, Long> {

    Optional<FollowUp> findByIdAndClinicId(long id, long clinicId);

    List<FollowUp> findByEpisodeIdAndClinicIdOrderByMonthsAfter(long episodeId, long clinicId);
}

interface RecurrenceRepository extends JpaRepository<Recurrence, Long> {

    Optional<Recurrence> findByEpisodeIdAndClinicId(long episodeId, long clinicId);

    boolean existsByEpisodeId(long episodeId);
}
