package io.backstory.followups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.BackstoryTest;
import io.backstory.ClinicalFixture;
import io.backstory.SignedIn;
import io.backstory.analytics.Chronicity;
import io.backstory.base.ConcurrentEditException;
import io.backstory.patients.EpisodeSummary;
import io.backstory.patients.PatientSummary;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

@BackstoryTest
class FollowUpServiceTest {

    @Autowired ClinicalFixture fixture;
    @Autowired FollowUpService followUps;
    @Autowired FollowUpReadModels readModels;

    @RegisterExtension
    final SignedIn signedIn = SignedIn.as("therapist");

    private EpisodeSummary dischargedDaysAgo(PatientSummary patient, int days) {
        return fixture.discharged(patient, fixture.daysAgo(days + 40), fixture.daysAgo(days), Chronicity.ACUTE);
    }

    private FollowUpDue dueFor(EpisodeSummary episode, int months) {
        return all().stream().filter(d -> d.episodeId() == episode.id() && d.monthsAfter() == months).findFirst().orElseThrow();
    }

    private List<FollowUpDue> all() {
        return readModels.due(0, readModels.countDue());
    }

    @Test
    void shouldListDueCheckInsOverdueFirst() {
        EpisodeSummary episode = dischargedDaysAgo(fixture.patient(), 100);

        List<FollowUpDue> due = all();

        assertThat(due).extracting(FollowUpDue::dueDate).isSorted();
        FollowUpDue oneMonth = dueFor(episode, 1);
        FollowUpDue threeMonths = dueFor(episode, 3);
        assertThat(oneMonth.overdue()).isTrue();
        assertThat(due.indexOf(oneMonth)).isLessThan(due.indexOf(threeMonths));
        assertThat(due).noneMatch(d -> d.episodeId() == episode.id() && d.monthsAfter() == 6);
    }

    @Test
    void shouldRecordARecurrenceFromACheckInOnlyOnce() {
        EpisodeSummary episode = dischargedDaysAgo(fixture.patient(), 100);
        FollowUpDue threeMonths = dueFor(episode, 3);

        CheckInResult result = followUps.recordCheckIn(threeMonths.id(), threeMonths.version(),
                CheckInAnswer.painReturned(fixture.daysAgo(20), 6, true, true, false), "Lifting at work");

        assertThat(result.decision().outcome()).isEqualTo(RecurrenceDecision.Outcome.RECURRENCE);
        assertThat(result.recurrenceRecorded()).isTrue();
        assertThat(result.followUp().status()).isEqualTo(FollowUpStatus.COMPLETED);
        RecurrenceSummary recurrence = followUps.recurrence(episode.id()).orElseThrow();
        assertThat(recurrence.source()).isEqualTo(RecurrenceSummary.Source.FOLLOW_UP);
        assertThat(recurrence.intensity()).isEqualTo(6);
        assertThat(recurrence.careSought()).isFalse();

        FollowUpDue oneMonth = dueFor(episode, 1);
        CheckInResult again = followUps.recordCheckIn(oneMonth.id(), oneMonth.version(),
                CheckInAnswer.painReturned(fixture.daysAgo(10), 7, true, true, true), null);
        assertThat(again.decision().outcome()).isEqualTo(RecurrenceDecision.Outcome.RECURRENCE);
        assertThat(again.recurrenceRecorded()).isFalse();
        assertThat(followUps.recurrence(episode.id()).orElseThrow().id()).isEqualTo(recurrence.id());
    }

    @Test
    void shouldKeepACheckInOpenWhenThePatientWasNotReached() {
        EpisodeSummary episode = dischargedDaysAgo(fixture.patient(), 40);
        FollowUpDue oneMonth = dueFor(episode, 1);

        CheckInResult result = followUps.recordCheckIn(oneMonth.id(), oneMonth.version(), CheckInAnswer.notReached(), "Voicemail");

        assertThat(result.decision().outcome()).isEqualTo(RecurrenceDecision.Outcome.NOT_REACHED);
        assertThat(result.followUp().status()).isEqualTo(FollowUpStatus.PENDING);
        assertThat(dueFor(episode, 1).version()).isGreaterThan(oneMonth.version());
    }

    @Test
    void shouldRecordNoRecurrenceForMildPainAndExplainBadAnswersByField() {
        EpisodeSummary episode = dischargedDaysAgo(fixture.patient(), 40);
        FollowUpDue oneMonth = dueFor(episode, 1);

        assertThatThrownBy(() -> followUps.recordCheckIn(oneMonth.id(), oneMonth.version(),
                new CheckInAnswer(true, false, null, 5, true, null, null), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Date the pain returned: required");
        assertThatThrownBy(() -> followUps.recordCheckIn(oneMonth.id(), oneMonth.version() + 1, CheckInAnswer.painFree(), null))
                .isInstanceOf(ConcurrentEditException.class);

        CheckInResult result = followUps.recordCheckIn(oneMonth.id(), oneMonth.version(),
                CheckInAnswer.painReturned(fixture.daysAgo(2), 1, true, false, false), null);
        assertThat(result.decision().outcome()).isEqualTo(RecurrenceDecision.Outcome.NO_RECURRENCE);
        assertThat(followUps.recurrence(episode.id())).isEmpty();
    }
}
