package io.backstory.patients;

import io.backstory.clinic.OverviewCount;
import io.backstory.clinic.OverviewCounter;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The home page's patient and episode counts, from this module's own tables. */
@Component
class PatientOverviewCounter implements OverviewCounter {

    private final JdbcClient jdbc;

    PatientOverviewCounter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<OverviewCount, Long> count(long clinicId, LocalDate today) {
        return Map.of(
                OverviewCount.PATIENTS, count("select count(*) from patient where clinic_id = ?", clinicId),
                OverviewCount.OPEN_EPISODES, count("select count(*) from episode where clinic_id = ? and discharge_date is null", clinicId),
                OverviewCount.DISCHARGED_EPISODES,
                count("select count(*) from episode where clinic_id = ? and discharge_date is not null", clinicId));
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
