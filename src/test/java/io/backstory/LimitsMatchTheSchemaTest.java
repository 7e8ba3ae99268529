package io.backstory;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.base.ClinicalNote;
import io.backstory.clinic.ClinicService;
import io.backstory.patients.PatientCommand;
import io.backstory.security.UserAccountService;
import io.backstory.visits.VisitCommand;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A limit is one constant in the code (docs/style.md rule 8) and a column or CHECK in a released migration, which is
 * never edited afterwards: this test keeps the two in step, on the schema the migrations actually build.
 */
class LimitsMatchTheSchemaTest {

    private static final String URL = "jdbc:h2:mem:limits;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";

    @BeforeAll
    static void migrate() {
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
    }

    @ParameterizedTest
    @CsvSource({"visit, note", "follow_up, note"})
    void shouldSizeTheNoteColumnsByTheNoteLimit(String table, String column) throws SQLException {
        assertThat(columnLength(table, column)).isEqualTo(ClinicalNote.MAX_LENGTH);
    }

    @ParameterizedTest
    @CsvSource({"first_name, " + PatientCommand.NAME_MAX_LENGTH, "last_name, " + PatientCommand.NAME_MAX_LENGTH,
            "phone, " + PatientCommand.PHONE_MAX_LENGTH, "email, " + PatientCommand.EMAIL_MAX_LENGTH})
    void shouldSizeThePatientColumnsByThePatientLimits(String column, int limit) throws SQLException {
        assertThat(columnLength("patient", column)).isEqualTo(limit);
    }

    @ParameterizedTest
    @CsvSource({"clinic, name, " + ClinicService.NAME_MAX_LENGTH, "location, name, " + ClinicService.NAME_MAX_LENGTH,
            "user_account, username, " + UserAccountService.USERNAME_MAX_LENGTH,
            "user_account, display_name, " + UserAccountService.DISPLAY_NAME_MAX_LENGTH,
            "user_account, email, " + UserAccountService.EMAIL_MAX_LENGTH})
    void shouldSizeTheNameColumnsByTheServicesLimits(String table, String column, int limit) throws SQLException {
        assertThat(columnLength(table, column)).isEqualTo(limit);
    }

    private static int columnLength(String table, String column) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, "sa", ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select character_maximum_length from information_schema.columns "
                     + "where table_name = '" + table + "' and column_name = '" + column + "'")) {
            assertThat(r.next()).as(table + "." + column).isTrue();
            return r.getInt(1);
        }
    }

    @Test
    void shouldCheckVisitMinutesWithTheServicesRange() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, "sa", ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select cc.check_clause from information_schema.check_constraints cc "
                     + "join information_schema.table_constraints tc on tc.constraint_name = cc.constraint_name "
                     + "where tc.table_name = 'visit' and lower(cc.check_clause) like '%minutes%'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1).toLowerCase())
                    .contains("between " + VisitCommand.MIN_MINUTES + " and " + VisitCommand.MAX_MINUTES);
        }
    }
}
