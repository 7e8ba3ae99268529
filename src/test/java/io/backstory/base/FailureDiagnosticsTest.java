package io.backstory.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class FailureDiagnosticsTest {

    /**
     * The embedded H2 demo database writes the row's values into its message, and Hibernate's H2 constraint-name
     * extraction runs on into them: only the leading identifier may reach the log.
     */
    @Test
    void shouldDescribeAnH2UniqueViolationWithoutTheValues() {
        String h2 = "Unique index or primary key violation: \"PUBLIC.UQ_PATIENT_EMAIL_INDEX_8 ON PUBLIC.PATIENT(EMAIL NULLS FIRST) "
                + "VALUES ( /* 1 */ 'jane.roe@example.org' )\"; SQL statement:\ninsert into patient (email,id) values (?,?) [23505-232]";
        SQLException driver = new SQLException(h2, "23505", 23505);
        ConstraintViolationException hibernate = new ConstraintViolationException("could not execute statement [" + h2 + "]",
                driver, "insert into patient (email,id) values (?,?)", h2.substring(h2.indexOf("violation: ") + 11));
        DataIntegrityViolationException spring = new DataIntegrityViolationException(hibernate.getMessage(), hibernate);

        String described = FailureDiagnostics.describe(spring);

        // the frame is where the exceptions above were made; its line number is left out so editing this file keeps the test
        assertThat(described).matches(java.util.regex.Pattern.quote("org.springframework.dao.DataIntegrityViolationException"
                + " < org.hibernate.exception.ConstraintViolationException < java.sql.SQLException"
                + " | SQLState 23505, error code 23505 | constraint PUBLIC.UQ_PATIENT_EMAIL_INDEX_8"
                + " | statement insert into patient"
                + " | at io.backstory.base.FailureDiagnosticsTest.shouldDescribeAnH2UniqueViolationWithoutTheValues(FailureDiagnosticsTest.java:")
                + "\\d+\\)");
        assertThat(described).doesNotContain("jane", "VALUES");
    }

    @Test
    void shouldGiveOnlyTheClassesOfAnExceptionWithoutDatabaseDetails() {
        IllegalStateException failure = new IllegalStateException("patient Jane Roe", new NullPointerException("Jane"));

        assertThat(FailureDiagnostics.describe(failure)).startsWith(
                "java.lang.IllegalStateException < java.lang.NullPointerException | at io.backstory.base.FailureDiagnosticsTest.")
                .doesNotContain("Jane");
    }
}
