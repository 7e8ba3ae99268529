package io.backstory.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import io.backstory.BackstoryTest;
import io.backstory.TestSecurity;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/** Issue 9.2: no save fails silently, and record pages with bad or unknown ids show the not-found page. */
@BackstoryTest
class SaveFailureViewTest extends SpringBrowserlessTest {

    @Autowired TestSecurity security;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void signIn() {
        security.signInAs("therapist");
        logged.start();
        ((Logger) LoggerFactory.getLogger(ErrorSummary.class)).addAppender(logged);
    }

    @AfterEach
    void signOut() {
        ((Logger) LoggerFactory.getLogger(ErrorSummary.class)).detachAppender(logged);
        security.signOut();
    }

    @Test
    void shouldSayWhatWasNotSavedAndLogOneLineWhenTheDatabaseFails() {
        ErrorSummary summary = new ErrorSummary();
        UI.getCurrent().add(summary);

        Optional<String> saved = summary.save("the new patient", () -> {
            throw new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
                    new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 5000ms"));
        });

        assertThat(saved).isEmpty();
        assertThat(summary.isVisible()).isTrue();
        String text = summary.getElement().getTextRecursively();
        assertThat(text).contains("Not saved: the new patient", "nothing was saved", "Everything you entered is still here",
                "try saving again");
        assertThat(logged.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).contains("Not saved (the new patient)",
                    "CannotCreateTransactionException < java.sql.SQLTransientConnectionException")
                    .as("the driver's message text is never logged").doesNotContain("Connection is not available");
            assertThat(line.getThrowableProxy()).as("one line, no stack trace").isNull();
            String reference = line.getFormattedMessage().replaceAll(".*\\[ref (\\w+)].*", "$1");
            assertThat(text).contains(reference);
        });
    }

    /**
     * DESIGN §6, no PHI in logs: PostgreSQL writes the offending value into a duplicate-key error ("Key (clinic_id,
     * name)=(1, …) already exists"), so the log line names the classes, SQLState and constraint, never the text.
     */
    @Test
    void shouldLogTheConstraintButNotTheValueWhenTheDatabaseRefusesASave() {
        ErrorSummary summary = new ErrorSummary();
        UI.getCurrent().add(summary);
        String recognisable = "Jane Roe jane.roe.4711@example.org";

        boolean saved = summary.run("the location", () -> transactions.executeWithoutResult(status -> {
            long clinic = jdbc.sql("select min(id) from clinic").query(Long.class).single();
            for (int i = 0; i < 2; i++) {
                jdbc.sql("insert into location (clinic_id, name) values (?, ?)").params(clinic, recognisable).update();
            }
        }));

        assertThat(saved).isFalse();
        assertThat(summary.getElement().getTextRecursively()).contains("nothing was saved").doesNotContain(recognisable);
        assertThat(logged.list).singleElement().satisfies(line -> assertThat(line.getFormattedMessage())
                .contains("Not saved (the location)", "DuplicateKeyException", "org.postgresql.util.PSQLException",
                        "SQLState 23505", "constraint uq_location_name", "table location",
                        "at io.backstory.base.ui.SaveFailureViewTest")
                .doesNotContain("jane.roe.4711", "Jane Roe", "already exists"));
        assertThat(jdbc.sql("select count(*) from location where name = ?").param(recognisable).query(Long.class).single())
                .isZero();
    }

    @Test
    void shouldListTheServicesRulesForBadInputWithoutLogging() {
        ErrorSummary summary = new ErrorSummary();
        UI.getCurrent().add(summary);

        boolean saved = summary.run("the visit", () -> {
            throw new IllegalArgumentException("Minutes: between 5 and 240; Date: not in the future");
        });

        assertThat(saved).isFalse();
        assertThat(summary.getElement().getTextRecursively()).contains("Minutes: between 5 and 240", "Date: not in the future");
        assertThat(logged.list).isEmpty();
    }

    @Test
    void shouldShowTheNotFoundPageForANonNumericPatientId() {
        navigate("patients/abc", NotFoundView.class);
        assertThat(getCurrentView()).isInstanceOf(NotFoundView.class);
        assertThat(getCurrentView().getElement().getTextRecursively()).contains("This page is not available")
                .doesNotContain("NumberFormatException");
    }

    @Test
    void shouldShowTheNotFoundPageForUnknownRecordIds() {
        for (String path : new String[] {"patients/999999999", "episodes/999999999", "episodes/x1", "visits/999999999/edit",
                "visits/new/abc", "patients/99999999999999999999999"}) {
            navigate(path, NotFoundView.class);
            assertThat(getCurrentView()).as(path).isInstanceOf(NotFoundView.class);
        }
    }
}
