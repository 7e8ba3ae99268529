package io.backstory.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.BackstoryTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 9 item 7 on PostgreSQL: the application's role (docs/postgresql-roles.sql) gets its rights from
 * the Flyway afterMigrate callback, run here as the migrations run it (as the owner, with the role name
 * as placeholder), and then cannot alter, drop or empty the audit trail or its trigger, while it can
 * still read and append to it and work with the clinic's data.
 */
@BackstoryTest
class DatabaseRolesTest {

    private static final String APP_ROLE = "backstory_app_test";

    @Autowired
    JdbcClient jdbc;
    @Value("${spring.datasource.url}")
    String url;

    @BeforeEach
    void createTheAppRoleAndRunTheGrantCallback() throws Exception {
        jdbc.sql("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + APP_ROLE + "') then "
                + "create role " + APP_ROLE + " login password 'app-role-test' nosuperuser nocreatedb nocreaterole; end if; end $$").update();
        // what the Flyway callback runs after every migration, on the owner's connection
        jdbc.sql(AppRoleGrants.script(APP_ROLE)).update();
    }

    private Connection asAppRole() throws SQLException {
        return DriverManager.getConnection(url, APP_ROLE, "app-role-test");
    }

    @Test
    void shouldLetTheAppRoleReadAndAppendToTheAuditTrailAndUseClinicData() throws Exception {
        try (Connection c = asAppRole(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("insert into audit_event (username, action, entity, entity_id) values ('role-test', 'READ', 'patient', '0')"))
                    .isEqualTo(1);
            assertThat(s.executeQuery("select count(*) from audit_event").next()).isTrue();
            assertThat(s.executeQuery("select count(*) from patient").next()).isTrue();
            assertThat(s.executeUpdate("update clinic_settings set clinic_id = clinic_id where 1 = 0")).isZero();
        }
    }

    @Test
    void shouldRefuseTheAppRoleAlteringDroppingOrTruncatingTheAuditTrail() throws Exception {
        try (Connection c = asAppRole(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("alter table audit_event disable trigger audit_event_no_update_delete"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.execute("drop trigger audit_event_no_truncate on audit_event")).hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.execute("alter table audit_event drop column detail")).hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.execute("drop table audit_event")).hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.execute("truncate table audit_event")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("delete from audit_event")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("update audit_event set action = 'READ'")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("drop function audit_event_append_only() cascade")).hasMessageContaining("must be owner");
        }
        assertThat(jdbc.sql("select count(*) from pg_trigger where tgrelid = 'audit_event'::regclass and not tgisinternal").query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void shouldRefuseTruncatingTheAuditTrailEvenForTheOwner() {
        assertThatThrownBy(() -> jdbc.sql("truncate table audit_event").update()).hasMessageContaining("append-only");
    }
}
