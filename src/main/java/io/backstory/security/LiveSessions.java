package io.backstory.security;

import io.backstory.base.FailureDiagnostics;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a signed-in session may go on: its account is still active and no admin action (deactivation,
 * reset, role change, second-factor reset) has raised the account's session epoch since it signed in.
 * Read from the database on each request, so it holds across app nodes too.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class LiveSessions {

    private final JdbcClient jdbc;

    private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);
    private volatile boolean unreachable;

    /**
     * While the database cannot be reached (a restart) the session goes on: every read and save needs the database
     * too and fails with its own clear message, and ending the session would throw away what the user is typing.
     * The outage is logged once, when it starts and when it ends.
     */
    boolean stillValid(BackstoryUser user) {
        try {
            boolean valid = jdbc.sql("select count(*) from user_account where id = ? and enabled and session_epoch = ?")
                    .params(user.userId(), user.sessionEpoch()).query(Long.class).single() > 0;
            if (unreachable) {
                unreachable = false;
                log.info("Session check reaches the database again");
            }
            return valid;
        } catch (DataAccessException e) {
            if (!unreachable) {
                unreachable = true;
                log.warn("Session check cannot reach the database, sessions go on until it is back: {}", FailureDiagnostics.describe(e));
            }
            return true;
        }
    }
}
