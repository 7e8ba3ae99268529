package io.backstory.care.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import io.backstory.AuditRows;
import io.backstory.BackstoryTest;
import io.backstory.NewEpisode;
import io.backstory.analytics.Chronicity;
import io.backstory.care.EpisodeCareService;
import io.backstory.patients.DischargeReason;
import io.backstory.patients.EpisodeSummary;
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

    @Autowired EpisodeCareService care;
    @Autowired JdbcClient jdbc;

    @RegisterExtension
    final NewEpisode episode = NewEpisode.opened(30, Chronicity.ACUTE);

    @BeforeEach
    void discharged() {
        care.discharge(episode.id(), episode.today(), DischargeReason.GOALS_MET, List.of());
    }

    @Test
    void shouldRenderThePatientPageFromOnePageModelWithOneAuditRow() {
        long patientId = episode.summary().patientId();
        AuditRows audit = AuditRows.from(jdbc);

        PatientView view = target(navigate("patients/" + patientId, PatientView.class));

        assertThat(audit.written()).containsExactly("READ patient " + patientId);
        assertThat(view.getElement().getTextRecursively()).contains(episode.summary().patientName());
        assertThat(view.getElement().getOuterHTML().split("episode-card\"", -1)).hasSize(1 + 1);
        assertThat(view.getChildren().anyMatch(c -> c.getClassNames().contains("intake"))).as("intake: no episode open").isTrue();
        assertThat(view.therapist.getValue()).isNotNull();
        assertThat(view.location.getValue()).isNotNull();
    }

    @Test
    void shouldShowNoIntakeToAnOwnerWhoOnlyReads() {
        long patientId = episode.summary().patientId();
        episode.signInAs("owner");

        PatientView view = target(navigate("patients/" + patientId, PatientView.class));

        assertThat(view.getChildren().anyMatch(c -> c.getClassNames().contains("intake"))).isFalse();
        assertThat(care.patientPage(patientId)).satisfies(page -> {
            assertThat(page.canWrite()).isFalse();
            assertThat(page.therapists()).isEmpty();
            assertThat(page.episodes()).extracting(EpisodeSummary::id).containsExactly(episode.id());
        });
    }

    private static PatientView target(PatientView view) {
        return org.springframework.test.util.AopTestUtils.getUltimateTargetObject(view);
    }
}
