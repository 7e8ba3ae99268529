package io.backstory.clinic;

import java.time.LocalDate;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A module's share of the home page's {@link ClinicOverview}: each module that owns records counts its own, so the
 * clinic module, which the others depend on, needs no SQL on their tables (docs/style.md rule 9). Implemented by a
 * bean in the owning module; {@link ClinicService#overview()} calls every one inside its read-only transaction.
 */
public interface OverviewCounter {

    /** This module's counts for the clinic, with "today" from the injected clock; counts it does not own are left out. */
    Map<OverviewCount, Long> count(long clinicId, LocalDate today);

    /** One figure from the implementation's own {@code select count(*)}: the one way every counter asks its tables. */
    static long selectCount(JdbcClient jdbc, String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
