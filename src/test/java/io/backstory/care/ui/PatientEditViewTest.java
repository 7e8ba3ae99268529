package io.backstory.care.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import io.backstory.base.ui.ErrorSummary;
import com.vaadin.flow.component.textfield.TextField;
import io.backstory.BackstoryTest;
import io.backstory.ClinicalFixture;
import io.backstory.SignedIn;
import io.backstory.analytics.Chronicity;
import io.backstory.patients.PatientService;
import io.backstory.patients.PatientSummary;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** QA: "Edit details" on the patient page corrects a patient in the new-patient form, with its rules. */
@BackstoryTest
class PatientEditViewTest extends SpringBrowserlessTest {

    @Autowired ClinicalFixture fixture;
    @Autowired PatientService patients;

    @RegisterExtension
    final SignedIn signedIn = SignedIn.as("therapist");

    @Test
    void shouldOpenThePatientsDetailsCorrectThemAndShowThemOnThePage() {
        PatientSummary patient = fixture.patient();
        PatientView view = open(patient);

        test(view.editDetails).click();
        assertThat($(Dialog.class).withClassName("patient-edit-dialog").single().isOpened()).isTrue();
        assertThat(field("First name").getValue()).isEqualTo("Test");
        assertThat(field("Last name").getValue()).isEqualTo(patient.lastName());
        test(field("First name")).setValue("Gracia");
        test(saveButton()).click();

        assertThat($(Dialog.class).withClassName("patient-edit-dialog").all()).noneMatch(Dialog::isOpened);
        assertThat(patients.get(patient.id()).firstName()).isEqualTo("Gracia");
        assertThat(view.getElement().getTextRecursively()).contains("Gracia " + patient.lastName());
    }

    @Test
    void shouldKeepEverythingTypedWhenTheServiceRefusesTheDateOfBirth() {
        PatientSummary patient = fixture.patient();
        LocalDate start = fixture.daysAgo(400);
        fixture.episode(patient, start, Chronicity.ACUTE);
        PatientView view = open(patient);

        test(view.editDetails).click();
        test(field("First name")).setValue("Gracia");
        test($(DatePicker.class).withCaption("Date of birth").single()).setValue(start.plusDays(1));
        test(saveButton()).click();

        assertThat($(Dialog.class).withClassName("patient-edit-dialog").single().isOpened()).isTrue();
        assertThat($(ErrorSummary.class).all().stream().filter(ErrorSummary::isVisible)
                .map(e -> e.getElement().getTextRecursively()).toList())
                .anyMatch(text -> text.contains("Date of birth: cannot be after the start of an episode of care"));
        assertThat(field("First name").getValue()).isEqualTo("Gracia");
        assertThat($(DatePicker.class).withCaption("Date of birth").single().getValue()).isEqualTo(start.plusDays(1));
        assertThat(patients.get(patient.id()).firstName()).isEqualTo("Test");
    }

    @Test
    void shouldOfferNoEditToAnOwnerWhoOnlyReads() {
        PatientSummary patient = fixture.patient();
        signedIn.signInAs("owner");

        PatientView view = open(patient);

        assertThat(view.editDetails.isAttached()).isFalse();
    }

    private PatientView open(PatientSummary patient) {
        return org.springframework.test.util.AopTestUtils.getUltimateTargetObject(navigate("patients/" + patient.id(), PatientView.class));
    }

    private TextField field(String label) {
        return $(TextField.class).withCaption(label).single();
    }

    private Button saveButton() {
        return $(Button.class).withText("Save changes").single();
    }
}
