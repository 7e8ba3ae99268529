package io.backstory.followups;

import static io.backstory.clinic.OverviewCounter.selectCount;

import io.backstory.clinic.OverviewCount;
import io.backstory.clinic.OverviewCounter;
import io.backstory.patients.EpisodeDates;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other modules show of check-ins and recurrences, answered from this module's own tables: the home page's
 * check-ins due and recurrences, and the patients worklist's "next check-in" column (each episode's earliest
 * pending check-in).
 */
@Component
class FollowUpReadModels implements OverviewCounter, EpisodeDates {

    private final JdbcClient jdbc;

    FollowUpReadModels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<OverviewCount, Long> count(long clinicId, LocalDate today) {
        return Map.of(
                OverviewCount.FOLLOW_UPS_DUE,
                selectCount(jdbc, "select count(*) from follow_up where clinic_id = ? and status = ? and due_date <= ?",
                        clinicId, FollowUpStatus.PENDING.name(), today),
                OverviewCount.RECURRENCES, selectCount(jdbc, "select count(*) from recurrence where clinic_id = ?", clinicId));
    }

    @Override
    public Kind kind() {
        return Kind.NEXT_FOLLOW_UP_DUE;
    }

    @Override
    public Map<Long, LocalDate> forEpisodes(long clinicId, Collection<Long> episodeIds) {
        return EpisodeDates.byEpisode(jdbc.sql("select episode_id, min(due_date) from follow_up where clinic_id = :clinic "
                        + "and status = :pending and episode_id in (:episodes) group by episode_id")
                .param("clinic", clinicId).param("pending", FollowUpStatus.PENDING.name()).param("episodes", episodeIds));
    }
}
