package io.backstory.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The clinic's accounts as the bulk paths need them: the exports name each record's therapist, the CSV import matches
 * therapist names and usernames. One query each, filtered by clinic; disabled accounts included, since their records
 * stay.
 */
@Component
public class ClinicAccounts {

    /** A therapist's account; {@code enabled}: may still sign in (and so take new records). */
    public record TherapistAccount(long id, String username, String displayName, boolean enabled) {
    }

    private final JdbcClient jdbc;

    ClinicAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every account's display name by id. */
    public Map<Long, String> displayNames(long clinicId) {
        Map<Long, String> names = new HashMap<>();
        jdbc.sql("select id, display_name from user_account where clinic_id = ?").param(clinicId)
                .query(rs -> {
                    names.put(rs.getLong(1), rs.getString(2));
                });
        return names;
    }

    /** The accounts with the therapist role, in id order. */
    public List<TherapistAccount> therapists(long clinicId) {
        return jdbc.sql("""
                select u.id, u.username, u.display_name, u.enabled from user_account u
                  join user_role r on r.user_account_id = u.id and r.role = 'THERAPIST'
                 where u.clinic_id = ? order by u.id""").param(clinicId)
                .query((rs, n) -> new TherapistAccount(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).list();
    }
}
