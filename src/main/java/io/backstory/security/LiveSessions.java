package io.backstory.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a signed-in session may go on: its account is still active and no admin action (deactivation,
 * reset, role change, second-factor reset) has raised the account's session epoch since it signed in.
 * Read from the database on each request, so it holds across app nodes too.
 */
@Component
class LiveSessions {

    private final JdbcClient jdbc;

    LiveSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean stillValid(BackstoryUser user) {
        return jdbc.sql("select count(*) from user_account where id = ? and enabled and session_epoch = ?")
                .params(user.userId(), user.sessionEpoch()).query(Long.class).single() > 0;
    }
}
