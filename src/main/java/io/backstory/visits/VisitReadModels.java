package io.backstory.visits;

import static io.backstory.clinic.OverviewCounter.selectCount;

import io.backstory.clinic.OverviewCount;
import io.backstory.clinic.OverviewCounter;
import io.backstory.patients.EpisodeDates;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other modules show of visits, answered from this module's own table: the home page's visits in the last
 * 30 days and the patients worklist's "last visit" column (each episode's latest visit).
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class VisitReadModels implements OverviewCounter, EpisodeDates {

    private final JdbcClient jdbc;

    @Override
    public Map<OverviewCount, Long> count(long clinicId, LocalDate today) {
        return Map.of(OverviewCount.VISITS_LAST_30_DAYS,
                selectCount(jdbc, "select count(*) from visit where clinic_id = ? and visit_date > ?", clinicId, today.minusDays(30)));
    }

    /** The patients worklist's "last visit": each episode's latest visit. */
    @Override
    public Map<Kind, Map<Long, LocalDate>> forEpisodes(long clinicId, Collection<Long> episodeIds) {
        return Map.of(Kind.LAST_VISIT, EpisodeDates.byEpisode(jdbc.sql("select episode_id, max(visit_date) from visit "
                        + "where clinic_id = :clinic and episode_id in (:episodes) group by episode_id")
                .param("clinic", clinicId).param("episodes", episodeIds)));
    }
}
