package io.backstory.patients;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * An episode's discharge held still for another module's transaction, so that module can keep a record that depends
 * on the discharge without racing it (the reports module's per-episode aggregate: a visit saved while the episode is
 * discharged must reach the report row, whichever commits first). The lock is this module's, on its own row
 * (docs/style.md rule 9), and is held until the caller's transaction ends.
 */
@Component
public class DischargeLock {

    private final JdbcClient jdbc;
    /**
     * PostgreSQL: {@code for share}. Shared, because saves to one episode must not wait for each other: each holds a
     * key-share lock on the episode from its foreign key, and two exclusive requests on top of those would deadlock;
     * a share lock still conflicts with the discharge's update. H2 (the embedded demo database) knows only
     * {@code for update}, and its foreign-key checks take no row locks, so an exclusive lock cannot deadlock there.
     */
    private final String shareLock;

    DischargeLock(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.shareLock = isPostgres(dataSource) ? "for share" : "for update";
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }

    /**
     * Locks the episode's row against its discharge until the caller's transaction ends, and says whether it is
     * discharged (false for an episode of another clinic, or none). A discharge running alongside either committed
     * before the lock was granted (and a statement run after this one sees it, READ COMMITTED) or waits for the
     * caller's commit.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean holdDischarge(long clinicId, long episodeId) {
        return jdbc.sql("select discharge_date is not null from episode where clinic_id = ? and id = ? " + shareLock)
                .params(clinicId, episodeId).query(Boolean.class).optional().orElse(false);
    }
}
