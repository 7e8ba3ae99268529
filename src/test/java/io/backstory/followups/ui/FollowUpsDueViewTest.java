package io.backstory.followups.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import io.backstory.BackstoryTest;
import io.backstory.ClinicalFixture;
import io.backstory.TestSecurity;
import io.backstory.analytics.Chronicity;
import io.backstory.followups.FollowUpDue;
import io.backstory.followups.FollowUpService;
import io.backstory.followups.FollowUpReadModels;
import io.backstory.followups.RecurrenceSummary;
import io.backstory.patients.DischargeReason;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@BackstoryTest
class FollowUpsDueViewTest extends SpringBrowserlessTest {

    @Autowired TestSecurity security;
    @Autowired ClinicalFixture fixture;
    @Autowired EpisodeService episodes;
    @Autowired FollowUpService followUps;
    @Autowired FollowUpReadModels readModels;

    private EpisodeSummary episode;

    @BeforeEach
    void signIn() {
        security.signInAs("therapist");
        EpisodeSummary opened = fixture.episode(fixture.patient(), fixture.daysAgo(150), Chronicity.SUBACUTE);
        episode = episodes.discharge(opened.id(), fixture.daysAgo(100), DischargeReason.GOALS_MET);
    }

    @AfterEach
    void signOut() {
        security.signOut();
    }

    private FollowUpDue due(int months) {
        return readModels.due(0, readModels.countDue()).stream()
                .filter(d -> d.episodeId() == episode.id() && d.monthsAfter() == months).findFirst().orElseThrow();
    }

    @Test
    void shouldListOverdueCheckInsFirst() {
        FollowUpsDueView view = target(navigate(FollowUpsDueView.class));

        int size = test(view.grid).size();
        assertThat(size).isGreaterThanOrEqualTo(2);
        for (int i = 1; i < size; i++) {
            assertThat(test(view.grid).getRow(i).dueDate()).isAfterOrEqualTo(test(view.grid).getRow(i - 1).dueDate());
        }
        assertThat(test(view.grid).getRow(0).overdue()).isTrue();
    }

    @Test
    void shouldRecordARecurrenceInAFewFields() {
        FollowUpsDueView view = threeMonthCheckInWithPainBack();
        test(view.onset).setValue(fixture.daysAgo(20));
        test(view.worst).setValue(6);
        test(view.lasted).click();
        test(view.sought).click();

        test(view.record).click();

        assertThat(view.dialog.isOpened()).isFalse();
        RecurrenceSummary recurrence = followUps.recurrence(episode.id()).orElseThrow();
        assertThat(recurrence.intensity()).isEqualTo(6);
        assertThat(recurrence.careSought()).isTrue();
    }

    @Test
    void shouldNameTheMissingAnswerAndKeepTheDialogOpen() {
        FollowUpsDueView view = threeMonthCheckInWithPainBack();
        test(view.worst).setValue(6);

        test(view.record).click();

        assertThat(view.dialog.isOpened()).isTrue();
        assertThat(view.errors.getElement().getTextRecursively()).contains("Date the pain returned: required");
        assertThat(view.worst.getValue()).isEqualTo(6);
        assertThat(followUps.recurrence(episode.id())).isEmpty();
    }

    /** A pasted note over the cap is neither cut by the browser nor saved cut: refused by name, kept whole. */
    @Test
    void shouldRefuseAnOverLongNoteWithItsLengthAndKeepItWhole() {
        FollowUpsDueView view = threeMonthCheckInWithPainBack();
        test(view.onset).setValue(fixture.daysAgo(20));
        test(view.worst).setValue(6);
        String pasted = "Pain back after gardening. ".repeat(86) + "Last words.";
        assertThat(pasted).hasSize(2_333);

        test(view.note).setValue(pasted);
        test(view.record).click();

        assertThat(view.note.getMaxLength()).as("no browser maxlength to cut a paste").isZero();
        assertThat(view.note.getHelperText()).isEqualTo("2,333 / 2,000");
        assertThat(view.dialog.isOpened()).isTrue();
        assertThat(view.errors.getElement().getTextRecursively()).contains("Note: at most 2,000 characters (2,333 entered)");
        assertThat(view.note.getValue()).isEqualTo(pasted);
        assertThat(followUps.recurrence(episode.id())).isEmpty();
    }

    @Test
    void shouldListEveryProblemOfTheCheckInAtOnce() {
        FollowUpsDueView view = threeMonthCheckInWithPainBack();
        view.worst.setValue(11); // typed in the browser, which sends it despite the field's max (the tester refuses it)

        test(view.record).click();

        assertThat(view.dialog.isOpened()).isTrue();
        assertThat(view.errors.getElement().getTextRecursively()).contains("Date the pain returned: required")
                .contains("Worst pain (0–10): 11 is outside 0–10");
        assertThat(view.worst.getValue()).isEqualTo(11);
        assertThat(followUps.recurrence(episode.id())).isEmpty();
    }

    @Test
    void shouldExplainTheDecisionInSpanishToASpanishUser() {
        com.vaadin.flow.component.UI.getCurrent().setLocale(java.util.Locale.of("es"));
        FollowUpsDueView view = target(navigate(FollowUpsDueView.class));
        view.openCheckIn(due(3));
        roundTrip();
        test(view.painFree).selectItem("Sí");

        test(view.record).click();

        String notice = test($(com.vaadin.flow.component.notification.Notification.class).last()).getText();
        assertThat(notice).startsWith("Control guardado para").contains("Sin dolor lumbar desde el alta")
                .doesNotContain("No back pain since discharge");
    }

    /** The worklist with the 3-month check-in's dialog open, answered "not pain-free". */
    private FollowUpsDueView threeMonthCheckInWithPainBack() {
        FollowUpsDueView view = target(navigate(FollowUpsDueView.class));
        view.openCheckIn(due(3));
        roundTrip();
        test(view.painFree).selectItem("No");
        return view;
    }

    /** Views carry @RolesAllowed, so method security hands out a proxy: tests look at the view itself. */
    private static <T> T target(T view) {
        return org.springframework.test.util.AopTestUtils.getUltimateTargetObject(view);
    }
}
