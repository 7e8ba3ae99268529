package io.backstory.care.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.notification.Notification;
import io.backstory.BackstoryTest;
import io.backstory.ClinicalFixture;
import io.backstory.NewEpisode;
import io.backstory.analytics.Chronicity;
import io.backstory.measures.Instrument;
import io.backstory.measures.MeasureEntry;
import io.backstory.measures.MeasureService;
import io.backstory.measures.Timepoint;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.patients.PatientSummary;
import io.backstory.visits.Factor;
import io.backstory.visits.VisitCommand;
import io.backstory.visits.VisitService;
import io.backstory.visits.VisitSummary;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

@BackstoryTest
class VisitViewsTest extends SpringBrowserlessTest {

    @Autowired ClinicalFixture fixture;
    @Autowired VisitService visits;
    @Autowired MeasureService measures;
    @Autowired EpisodeService episodes;

    @RegisterExtension
    final NewEpisode episode = NewEpisode.opened(30, Chronicity.ACUTE);

    private LogVisitView logVisit() {
        return target(navigate("visits/new/" + episode.id(), LogVisitView.class));
    }

    @Test
    void shouldSaveAVisitWithTheKeyboardShortcutAndConfirmIt() {
        LogVisitView view = logVisit();
        test(view.form.factors.get(Factor.MOVEMENT)).click();
        test(view.form.factors.get(Factor.BELIEFS)).click();
        test(view.form.nprs).setValue(5);

        fireShortcut(Key.ENTER, KeyModifier.CONTROL);

        assertThat(test($(Notification.class).last()).getText()).contains("Visit saved").contains("2 factors");
        assertThat(getCurrentView()).isInstanceOf(EpisodeView.class);
        VisitSummary saved = visits.list(episode.id()).getFirst();
        assertThat(saved.factors()).containsExactlyInAnyOrder(Factor.MOVEMENT, Factor.BELIEFS);
        assertThat(saved.nprs()).isEqualTo(5);
    }

    @Test
    void shouldSelectTheFactorOfAChosenIntervention() {
        LogVisitView view = logVisit();
        test(view.form.showAll).click();

        test(view.form.interventions).selectItem("Walking programme");

        assertThat(view.form.factors.get(Factor.RECOVERY).getValue()).isTrue();
        assertThat(view.form.command().interventionIds()).hasSize(1);
    }

    @Test
    void shouldExplainARejectedVisitAndKeepEverythingTyped() {
        LogVisitView view = logVisit();
        test(view.form.factors.get(Factor.STRENGTH)).click();
        view.form.minutes.clear();
        test(view.form.note).setValue("Deadlift from blocks, 3 x 5");

        test(view.form.save).click();

        assertThat(view.form.errors.isVisible()).isTrue();
        assertThat(view.form.errors.getElement().getTextRecursively()).contains("Minutes: between 5 and 240");
        assertThat(view.form.note.getValue()).isEqualTo("Deadlift from blocks, 3 x 5");
        assertThat(view.form.factors.get(Factor.STRENGTH).getValue()).isTrue();
        assertThat((Object) target(getCurrentView())).isSameAs(view);
        assertThat(visits.list(episode.id())).isEmpty();
    }

    /** A pasted note over the cap is neither cut by the browser nor saved cut: refused by name, kept whole. */
    @Test
    void shouldRefuseAnOverLongNoteWithItsLengthAndKeepItWhole() {
        LogVisitView view = logVisit();
        test(view.form.factors.get(Factor.STRENGTH)).click();
        String pasted = "Deadlift from blocks, 3 x 5. ".repeat(80) + "The end the clinician must not lose.";
        assertThat(pasted).hasSize(2_356);

        test(view.form.note).setValue(pasted);
        test(view.form.save).click();

        assertThat(view.form.note.getMaxLength()).as("no browser maxlength to cut a paste").isZero();
        assertThat(view.form.note.getHelperText()).isEqualTo("2,356 / 2,000");
        assertThat(view.form.errors.getElement().getTextRecursively()).contains("Note: at most 2,000 characters (2,356 entered)");
        assertThat(view.form.note.getValue()).isEqualTo(pasted);
        assertThat((Object) target(getCurrentView())).isSameAs(view);
        assertThat(visits.list(episode.id())).isEmpty();
    }

    @Test
    void shouldPrefillTheNextVisitFromThePreviousPlan() {
        long me = visits.prefill(episode.id()).therapistId();
        visits.log(new VisitCommand(episode.id(), episode.today().minusDays(3), me, 40, 6, null, Set.of(Factor.MOBILITY, Factor.STRENGTH), Set.of()));

        LogVisitView view = logVisit();

        assertThat(view.form.factors.get(Factor.MOBILITY).getValue()).isTrue();
        assertThat(view.form.factors.get(Factor.STRENGTH).getValue()).isTrue();
        assertThat(view.form.minutes.getValue()).isEqualTo(40);
        assertThat(view.form.visitDate.getValue()).isEqualTo(episode.today());
        assertThat(view.form.nprs.getValue()).isNull();
    }

    @Test
    void shouldExplainAConflictWhenAColleagueSavedTheVisitFirst() {
        long me = visits.prefill(episode.id()).therapistId();
        VisitSummary visit = visits.log(new VisitCommand(episode.id(), episode.today(), me, 30, 4, null, Set.of(Factor.MOVEMENT), Set.of()));
        EditVisitView view = target(navigate("visits/" + visit.id() + "/edit", EditVisitView.class));
        visits.update(visit.id(), visit.version(), new VisitCommand(episode.id(), episode.today(), me, 45, 4, "colleague",
                Set.of(Factor.MOVEMENT), Set.of()));

        test(view.form.note).setValue("my correction");
        test(view.form.save).click();

        assertThat(view.form.errors.getElement().getTextRecursively()).contains("changed by someone else");
        assertThat(view.form.note.getValue()).isEqualTo("my correction");
        assertThat(visits.get(visit.id()).note()).isEqualTo("colleague");
    }

    @Test
    void shouldExplainAConflictInSpanishToASpanishUser() {
        long me = visits.prefill(episode.id()).therapistId();
        VisitSummary visit = visits.log(new VisitCommand(episode.id(), episode.today(), me, 30, 4, null, Set.of(Factor.MOVEMENT), Set.of()));
        com.vaadin.flow.component.UI.getCurrent().setLocale(java.util.Locale.of("es"));
        EditVisitView view = target(navigate("visits/" + visit.id() + "/edit", EditVisitView.class));
        visits.update(visit.id(), visit.version(), new VisitCommand(episode.id(), episode.today(), me, 45, 4, "colleague",
                Set.of(Factor.MOVEMENT), Set.of()));

        test(view.form.note).setValue("mi corrección");
        test(view.form.save).click();

        assertThat(view.form.errors.getElement().getTextRecursively()).contains("Otra persona modificó esta visita")
                .doesNotContain("changed by someone else");
        assertThat(view.form.note.getValue()).isEqualTo("mi corrección");
    }

    @Test
    void shouldShowTheNudgeUntilDismissedAndHideItOnceBeliefsAreAddressed() {
        measures.record(episode.id(), Timepoint.BASELINE, episode.today().minusDays(30), MeasureEntry.total(Instrument.FABQ, 19, 12));
        EpisodeView view = target(navigate("episodes/" + episode.id(), EpisodeView.class));
        assertThat(view.nudges.getChildren().count()).isEqualTo(1);
        assertThat(view.nudges.getElement().getTextRecursively()).contains("FABQ-PA 19");

        view.nudges.getChildren().findFirst().orElseThrow().getChildren()
                .filter(c -> c instanceof com.vaadin.flow.component.button.Button).findFirst()
                .ifPresent(b -> test((com.vaadin.flow.component.button.Button) b).click());
        assertThat(view.nudges.getChildren().count()).isZero();
        view = target(navigate("episodes/" + episode.id(), EpisodeView.class));
        assertThat(view.nudges.getChildren().count()).isZero();

        EpisodeSummary other = fixture.episode(fixture.patient(), episode.today().minusDays(30), Chronicity.ACUTE);
        measures.record(other.id(), Timepoint.BASELINE, episode.today().minusDays(30), MeasureEntry.total(Instrument.FABQ, 19, 12));
        long me = visits.prefill(other.id()).therapistId();
        visits.log(new VisitCommand(other.id(), episode.today(), me, 30, 3, null, Set.of(Factor.BELIEFS), Set.of()));
        view = target(navigate("episodes/" + other.id(), EpisodeView.class));
        assertThat(view.nudges.getChildren().count()).isZero();
    }

    @Test
    void shouldDischargeWithMeasuresAndListTheScheduledCheckIns() {
        EpisodeView view = target(navigate("episodes/" + episode.id(), EpisodeView.class));
        view.openDischarge(episode.summary());
        roundTrip();
        test(view.dischargeMeasures.row(Instrument.NPRS).total()).setValue("14");
        test(view.confirmDischarge).click();
        assertThat(view.dischargeErrors.getElement().getTextRecursively()).contains("NPRS total: score 14 is outside 0–10");
        assertThat(episodes.get(episode.id()).open()).isTrue();

        test(view.dischargeMeasures.row(Instrument.NPRS).total()).setValue("1");
        test(view.confirmDischarge).click();

        assertThat(episodes.get(episode.id()).open()).isFalse();
        assertThat(measures.list(episode.id())).singleElement()
                .satisfies(m -> assertThat(m.timepoint()).isEqualTo(Timepoint.DISCHARGE))
                .extracting(m -> m.score()).isEqualTo(1.0);
        assertThat(test($(Notification.class).last()).getText()).contains("4 follow-up check-ins scheduled");
    }

    @Test
    void shouldOpenAnEpisodeWithScoredBaselineMeasuresFromTheIntake() {
        PatientSummary patient = fixture.patient();
        PatientView view = target(navigate("patients/" + patient.id(), PatientView.class));
        test(view.chronicity).selectItem("Chronic (over 12 weeks)");
        test(view.baseline.row(Instrument.ODI).items()).setValue("3,2,2,3,2,2,2,,3,2");
        test(view.baseline.row(Instrument.STARTBACK).items()).setValue("1,1,0,1,0,1,1,0,1");
        assertThat(view.baseline.row(Instrument.ODI).resultText()).isEqualTo("46.7 % · severe");

        test(view.openEpisode).click();

        assertThat(getCurrentView()).isInstanceOf(EpisodeView.class);
        EpisodeSummary opened = episodes.listForPatient(patient.id()).getFirst();
        assertThat(opened.chronicity()).isEqualTo(Chronicity.CHRONIC);
        assertThat(measures.latest(opened.id(), Instrument.STARTBACK).orElseThrow().category()).isEqualTo("medium");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "50 | TSK-11 total: score 50 is outside 11–44",   // out of the instrument's range
            "3x | TSK-11 Total: \"3x\" is not a number"})     // not a number: named, never read as blank
    void shouldKeepTheIntakeWhenAMeasureTotalIsRefused(String typed, String message) {
        PatientSummary patient = fixture.patient();
        PatientView view = acuteIntake(patient);
        test(view.baseline.row(Instrument.TSK11).total()).setValue(typed);

        test(view.openEpisode).click();

        assertThat(view.errors.getElement().getTextRecursively()).contains(message);
        assertThat(view.baseline.row(Instrument.TSK11).total().getValue()).isEqualTo(typed);
        assertThat(episodes.listForPatient(patient.id())).isEmpty();
    }

    @Test
    void shouldReadADecimalCommaInAMeasureTotalAsADecimal() {
        PatientSummary patient = fixture.patient();
        PatientView view = acuteIntake(patient);
        test(view.baseline.row(Instrument.ODI).total()).setValue("4,4");
        test(view.baseline.row(Instrument.PSFS).total()).setValue(" 6.5 ");

        test(view.openEpisode).click();

        EpisodeSummary opened = episodes.listForPatient(patient.id()).getFirst();
        assertThat(measures.latest(opened.id(), Instrument.ODI).orElseThrow().score()).isEqualTo(4.4);
        assertThat(measures.latest(opened.id(), Instrument.PSFS).orElseThrow().score()).isEqualTo(6.5);
    }

    /** The patient's page with the intake answered "acute", ready for baseline measures. */
    private PatientView acuteIntake(PatientSummary patient) {
        PatientView view = target(navigate("patients/" + patient.id(), PatientView.class));
        test(view.chronicity).selectItem("Acute (under 6 weeks)");
        return view;
    }

    /** Views carry @RolesAllowed, so method security hands out a proxy: tests look at the view itself. */
    private static <T> T target(T view) {
        return org.springframework.test.util.AopTestUtils.getUltimateTargetObject(view);
    }
}
