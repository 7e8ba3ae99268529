package io.backstory.security;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The clinic's accounts as the owner's report names them (docs/style.md rule 9: other modules never read the
 * account tables): display names in the database's collation order, whether each holds the THERAPIST role, and a
 * fingerprint that changes with any account. Every query is scoped by the clinic.
 */
@Component
public class AccountNames {

    /** An account's id and display name; {@code therapist} when it holds the THERAPIST role. */
    public record AccountName(long id, String displayName, boolean therapist) {
    }

    private final JdbcClient jdbc;

    AccountNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every account of the clinic, active or not, ordered by display name. */
    public List<AccountName> of(long clinicId) {
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
