package io.backstory.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The clinic's accounts as other modules need them: the exports name each record's therapist, the CSV import matches
 * therapist names and usernames, the owner's report lists who treats patients and caches on a fingerprint of the
 * accounts. One query each, filtered by clinic; disabled accounts included, since their records stay.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ClinicAccounts {

    /** A therapist's account; {@code enabled}: may still sign in (and so take new records). */
    public record TherapistAccount(long id, String username, String displayName, boolean enabled) {
    }

    /** An account's id and display name; {@code therapist} when it holds the THERAPIST role. */
    public record AccountName(long id, String displayName, boolean therapist) {
    }

    private final JdbcClient jdbc;

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

    /** Every account of the clinic, ordered by display name (the database's collation, as the report lists them). */
    public List<AccountName> byDisplayName(long clinicId) {
        return jdbc.sql("""
                select u.id, u.display_name,
                       case when exists (select 1 from user_role r where r.user_account_id = u.id and r.role = ?)
                            then true else false end
                  from user_account u
                 where u.clinic_id = ?
                 order by u.display_name
                """).params(Role.THERAPIST.name(), clinicId)
                .query((rs, n) -> new AccountName(rs.getLong(1), rs.getString(2), rs.getBoolean(3))).list();
    }

    /** "count:sum of versions" of the clinic's accounts: changes with every new or edited account. */
    public String version(long clinicId) {
        return jdbc.sql("select count(*) || ':' || coalesce(sum(version), 0) from user_account where clinic_id = ?")
                .param(clinicId).query(String.class).single();
    }
}
