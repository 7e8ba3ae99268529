package io.backstory.clinic;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other modules need of a clinic by its id (docs/style.md rule 9: they never read the clinic tables): names and
 * default languages for work that runs without a signed-in user (check-in mails and the check-in page, DESIGN §9),
 * many clinics in one query; the settings' version for caches of results that depend on the settings (the owner's
 * report).
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ClinicDirectory {

    /** @param defaultLanguage the language for patients without one of their own (issue 16); null: English */
    public record ClinicName(long clinicId, String name, @Nullable String defaultLanguage) {
    }

    private final JdbcClient jdbc;

    /** The name of each of {@code clinicIds}; unknown ids are left out. */
    public Map<Long, ClinicName> names(Collection<Long> clinicIds) {
        Map<Long, ClinicName> out = new HashMap<>();
        if (clinicIds.isEmpty()) {
            return out;
        }
        jdbc.sql("select id, name, default_language from clinic where id in (:ids)").param("ids", clinicIds)
                .query(rs -> {
                    out.put(rs.getLong(1), new ClinicName(rs.getLong(1), rs.getString(2), rs.getString(3)));
                });
        return out;
    }

    /** The version of the clinic's settings, 0 before they were first saved: changes with every saved change. */
    public long settingsVersion(long clinicId) {
        return jdbc.sql("select coalesce(max(version), 0) from clinic_settings where clinic_id = ?").param(clinicId)
                .query(Long.class).single();
    }
}
