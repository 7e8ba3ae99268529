package io.backstory.clinic;

import java.util.List;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The clinic's locations as the bulk paths need them: the CSV export names each episode's location, the CSV import
 * matches location names. Archived locations included, since their episodes stay.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ClinicLocations {

    /** A location; {@code archived}: takes no new episodes. */
    public record LocationName(long id, String name, boolean archived) {
    }

    private final JdbcClient jdbc;

    /** Every location of the clinic, in id order. */
    public List<LocationName> all(long clinicId) {
        return jdbc.sql("select id, name, archived_at from location where clinic_id = ? order by id").param(clinicId)
                .query((rs, n) -> new LocationName(rs.getLong(1), rs.getString(2), rs.getObject(3) != null)).list();
    }
}
