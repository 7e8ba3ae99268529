package io.backstory.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Flyway afterMigrate callback (issue 9 item 7, docs/deployment.md "Database roles"): on PostgreSQL,
 * after every migration and on the owner's connection, grants the application's role
 * (BACKSTORY_DB_APP_ROLE) its data rights but no way to alter, drop or empty the audit trail
 * ({@code db/app-role-grants.sql}). Nothing happens without an app role (demo, single-role installs) or on H2.
 */
@Component
class AppRoleGrants implements Callback {

    static final String SCRIPT = "db/app-role-grants.sql";

    private final String appRole;

    AppRoleGrants(@Value("${backstory.db.app-role:}") String appRole) {
        if (!appRole.isEmpty() && !appRole.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("BACKSTORY_DB_APP_ROLE: '" + appRole
                    + "' is not a plain PostgreSQL role name (lower-case letters, digits and _, at most 63)");
        }
        this.appRole = appRole;
    }

    /** The grant script for a role, as the callback runs it. */
    static String script(String role) {
        try {
            return new ClassPathResource(SCRIPT).getContentAsString(StandardCharsets.UTF_8).replace("${app_role}", role);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE && !appRole.isEmpty();
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            if (!context.getConnection().getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL")) {
                return;
            }
            try (Statement statement = context.getConnection().createStatement()) {
                statement.execute(script(appRole));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Granting the app role " + appRole + " its rights failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "app-role-grants";
    }
}
