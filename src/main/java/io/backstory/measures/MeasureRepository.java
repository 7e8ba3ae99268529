package io.backstory.measures;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface MeasureRepository extends JpaRepository<Measure, Long> {

    List<Measure> findByEpisodeIdAndClinicIdOrderByRecordedOnAscIdAsc(long episodeId, long clinicId);
}
