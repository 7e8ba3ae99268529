package io.backstory.patients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.BackstoryTest;
import io.backstory.ClinicalFixture;
import io.backstory.SignedIn;
import io.backstory.analytics.Chronicity;
import io.backstory.base.RecordNotFoundException;
import io.backstory.followups.FollowUpService;
import io.backstory.followups.FollowUpStatus;
import io.backstory.followups.FollowUpSummary;
import io.backstory.followups.RecurrenceSummary;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

@BackstoryTest
class EpisodeServiceTest {

    @Autowired ClinicalFixture fixture;
    @Autowired EpisodeService episodes;
    @Autowired PatientService patients;
    @Autowired FollowUpService followUps;

    private final LocalDate today = LocalDate.now();

    @RegisterExtension
    final SignedIn signedIn = SignedIn.as("therapist");

    @Test
    void shouldOpenAnEpisodeWithItsIntakeAndListItForThePatient() {
        PatientSummary patient = fixture.patient();
        EpisodeSummary episode = fixture.episode(patient, today.minusDays(3), Chronicity.SUBACUTE);

        assertThat(episode.open()).isTrue();
        assertThat(episode.patientName()).isEqualTo(patient.fullName());
        assertThat(episode.therapistName()).isNotBlank();
        assertThat(episode.chronicity()).isEqualTo(Chronicity.SUBACUTE);
        assertThat(episodes.listForPatient(patient.id())).extracting(EpisodeSummary::id).containsExactly(episode.id());
        assertThat(episodes.get(episode.id()).startDate()).isEqualTo(today.minusDays(3));
    }

    @Test
    void shouldRefuseASecondOpenEpisodeForThePatient() {
        PatientSummary patient = fixture.patient();
        fixture.episode(patient, today.minusDays(3), Chronicity.ACUTE);

        assertThatThrownBy(() -> fixture.episode(patient, today, Chronicity.ACUTE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has an open episode");
    }

    @Test
    void shouldNameEachFieldThatBreaksARule() {
        PatientSummary patient = fixture.patient();
        EpisodeCommand good = fixture.command(patient.id(), today.plusDays(1), Chronicity.ACUTE);
        EpisodeCommand bad = new EpisodeCommand(patient.id(), 999_999, 999_999, good.startDate(), null, 51);

        assertThatThrownBy(() -> episodes.open(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Therapist:").hasMessageContaining("Location:")
                .hasMessageContaining("Start date:").hasMessageContaining("Chronicity:")
                .hasMessageContaining("Prior episodes: between 0 and 50");
    }

    @Test
    void shouldDischargeAndScheduleTheClinicsCheckIns() {
        EpisodeSummary episode = fixture.episode(fixture.patient(), today.minusDays(60), Chronicity.CHRONIC);

        EpisodeSummary discharged = episodes.discharge(episode.id(), today.minusDays(10), DischargeReason.GOALS_MET);

        assertThat(discharged.open()).isFalse();
        assertThat(discharged.dischargeReason()).isEqualTo(DischargeReason.GOALS_MET);
        List<FollowUpSummary> scheduled = followUps.forEpisode(episode.id());
        assertThat(scheduled).extracting(FollowUpSummary::monthsAfter).containsExactly(1, 3, 6, 12);
        assertThat(scheduled).extracting(FollowUpSummary::dueDate).containsExactly(today.minusDays(10).plusMonths(1),
                today.minusDays(10).plusMonths(3), today.minusDays(10).plusMonths(6), today.minusDays(10).plusMonths(12));
        assertThat(scheduled).allMatch(f -> f.status() == FollowUpStatus.PENDING);
    }

    @Test
    void shouldRefuseADischargeBeforeTheStartOrWithoutAReason() {
        EpisodeSummary episode = fixture.episode(fixture.patient(), today.minusDays(5), Chronicity.ACUTE);

        assertThatThrownBy(() -> episodes.discharge(episode.id(), today.minusDays(6), null))
                .hasMessageContaining("Reason: required").hasMessageContaining("Discharge date:");
        assertThat(followUps.forEpisode(episode.id())).isEmpty();
    }

    @Test
    void shouldRecordACareSeekingRecurrenceWhenARecoveredPatientComesBackButOnlyOnce() {
        PatientSummary patient = fixture.patient();
        EpisodeSummary first = fixture.episode(patient, today.minusDays(200), Chronicity.ACUTE);
        episodes.discharge(first.id(), today.minusDays(150), DischargeReason.GOALS_MET);

        EpisodeSummary second = fixture.episode(patient, today.minusDays(20), Chronicity.ACUTE);

        RecurrenceSummary recurrence = followUps.recurrence(first.id()).orElseThrow();
        assertThat(recurrence.source()).isEqualTo(RecurrenceSummary.Source.NEW_EPISODE);
        assertThat(recurrence.careSought()).isTrue();
        assertThat(recurrence.onsetDate()).isEqualTo(today.minusDays(20));

        episodes.discharge(second.id(), today.minusDays(19), DischargeReason.GOALS_MET);
        fixture.episode(patient, today.minusDays(18), Chronicity.ACUTE);   // back within 30 days: not recovered
        assertThat(followUps.recurrence(second.id())).isEmpty();
        assertThat(followUps.recurrence(first.id()).orElseThrow().id()).isEqualTo(recurrence.id());
    }

    @Test
    void shouldTreatAnUnknownEpisodeLikeAnotherClinicsAndKeepOwnersFromWriting() {
        assertThatThrownBy(() -> episodes.get(987_654_321L)).isInstanceOf(RecordNotFoundException.class);
        PatientSummary patient = fixture.patient();
        signedIn.signInAs("owner");
        assertThat(patients.get(patient.id()).id()).isEqualTo(patient.id());
        assertThatThrownBy(() -> fixture.episode(patient, today, Chronicity.ACUTE)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void shouldFindPatientsByNameWithTheirOpenEpisode() {
        PatientSummary patient = fixture.patient();
        EpisodeSummary episode = fixture.episode(patient, today.minusDays(1), Chronicity.ACUTE);

        List<PatientRow> rows = patients.search(patient.lastName(), 0, 50);

        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().openEpisodeId()).isEqualTo(episode.id());
        assertThat(patients.countMatching(patient.lastName())).isEqualTo(1);
        assertThat(patients.countMatching("")).isGreaterThanOrEqualTo(1);
    }
}
