package io.backstory.care.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import io.backstory.AuditRows;
import io.backstory.BackstoryTest;
import io.backstory.ClinicalFixture;
import io.backstory.SignedIn;
import io.backstory.TestSecurity;
import io.backstory.analytics.Chronicity;
import io.backstory.care.EpisodeCareService;
import io.backstory.patients.DischargeReason;
import io.backstory.patients.EpisodeSummary;
import io.backstory.patients.PatientSummary;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 15: the patient page loads one page model, as the episode page does, and a view of it is one audit row
 * ("READ patient N"), not one for the patient and another for the list of their episodes.
 */
@BackstoryTest
class PatientPageTest extends SpringBrowserlessTest {

    @RegisterExtension final SignedIn signedIn = SignedIn.as("therapist");
    @Autowired TestSecurity security;
    @Autowired ClinicalFixture fixture;
    @Autowired EpisodeCareService care;
    @Autowired JdbcClient jdbc;

    private final LocalDate today = LocalDate.now();
    private PatientSummary patient;
    private EpisodeSummary episode;

    @BeforeEach
    void patientWithADischargedEpisode() {
        patient = fixture.patient();
        episode = fixture.episode(patient, today.minusDays(30), Chronicity.ACUTE);
        care.discharge(episode.id(), today, DischargeReason.GOALS_MET, List.of());
    }

    @Test
    void shouldRenderThePatientPageFromOnePageModelWithOneAuditRow() {
        AuditRows audit = AuditRows.from(jdbc);

        PatientView view = target(navigate("patients/" + patient.id(), PatientView.class));

        assertThat(audit.written()).containsExactly("READ patient " + patient.id());
        String text = view.getElement().getTextRecursively();
        assertThat(text).contains(patient.fullName());
        assertThat(view.getElement().getOuterHTML().split("episode-card\"", -1)).hasSize(1 + 1);
        assertThat(view.getChildren().anyMatch(c -> c.getClassNames().contains("intake"))).as("intake: no episode open").isTrue();
        assertThat(view.therapist.getValue()).isNotNull();
        assertThat(view.location.getValue()).isNotNull();
    }

    @Test
    void shouldShowNoIntakeToAnOwnerWhoOnlyReads() {
        security.signInAs("owner");

        PatientView view = target(navigate("patients/" + patient.id(), PatientView.class));

        assertThat(view.getChildren().anyMatch(c -> c.getClassNames().contains("intake"))).isFalse();
        assertThat(care.patientPage(patient.id())).satisfies(page -> {
            assertThat(page.canWrite()).isFalse();
            assertThat(page.therapists()).isEmpty();
            assertThat(page.episodes()).extracting(EpisodeSummary::id).containsExactly(episode.id());
        });
    }

    private static PatientView target(PatientView view) {
        return org.springframework.test.util.AopTestUtils.getUltimateTargetObject(view);
    }
}
