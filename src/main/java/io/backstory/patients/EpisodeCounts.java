package io.backstory.patients;

import static io.backstory.clinic.OverviewCounter.selectCount;

import io.backstory.analytics.Chronicity;
import io.backstory.clinic.OverviewCount;
import io.backstory.clinic.OverviewCounter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other modules need to count of patients and episodes (docs/style.md rule 9): for the owner's report beyond its
 * own aggregate, how many episodes are still in care, a fingerprint that changes when one opens, and who treats
 * patients; for the home page, the patient and episode counts. Counts and ids only, no patient data, so no audit row;
 * every query is scoped by the clinic.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class EpisodeCounts implements OverviewCounter {

    private final JdbcClient jdbc;

    /** Episodes still in care (not discharged), optionally only of one location, therapist or chronicity. */
    public int open(long clinicId, @Nullable Long locationId, @Nullable Long therapistId, @Nullable Chronicity chronicity) {
        StringBuilder sql = new StringBuilder("select count(*) from episode e where e.clinic_id = ? and e.discharge_date is null");
        List<Object> params = new ArrayList<>(List.of(clinicId));
        if (locationId != null) {
            sql.append(" and e.location_id = ?");
            params.add(locationId);
        }
        if (therapistId != null) {
            sql.append(" and e.therapist_id = ?");
            params.add(therapistId);
        }
        if (chronicity != null) {
            sql.append(" and e.chronicity = ?");
            params.add(chronicity.name());
        }
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single().intValue();
    }

    /**
     * "count:highest id" of the episodes in care: changes whenever an episode opens (ids only grow) or one is
     * discharged, cheaply (indexed on clinic and discharge date).
     */
    public String openVersion(long clinicId) {
        return jdbc.sql("select count(*) || ':' || coalesce(max(id), 0) from episode where clinic_id = ? and discharge_date is null")
                .param(clinicId).query(String.class).single();
    }

    /** Which of {@code userIds} (accounts of {@code clinicId}) have an episode in their name. */
    public Set<Long> withEpisodes(long clinicId, Collection<Long> userIds) {
        Set<Long> out = new TreeSet<>();
        if (userIds.isEmpty()) {
            return out;
        }
        jdbc.sql("select distinct therapist_id from episode where clinic_id = :clinic and therapist_id in (:users)")
                .param("clinic", clinicId).param("users", userIds).query(rs -> {
                    out.add(rs.getLong(1));
                });
        return out;
    }

    /** The home page's patient and episode counts. */
    @Override
    public Map<OverviewCount, Long> count(long clinicId, LocalDate today) {
        return Map.of(
                OverviewCount.PATIENTS, selectCount(jdbc, "select count(*) from patient where clinic_id = ?", clinicId),
                OverviewCount.OPEN_EPISODES,
                selectCount(jdbc, "select count(*) from episode where clinic_id = ? and discharge_date is null", clinicId),
                OverviewCount.DISCHARGED_EPISODES,
                selectCount(jdbc, "select count(*) from episode where clinic_id = ? and discharge_date is not null", clinicId));
    }
}
