package io.backstory.patients.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.browserless.SpringBrowserlessTest;
import io.backstory.BackstoryTest;
import io.backstory.ClinicalFixture;
import io.backstory.SignedIn;
import io.backstory.analytics.Sex;
import io.backstory.base.UserFacingException;
import io.backstory.patients.PatientCommand;
import io.backstory.patients.PatientService;
import io.backstory.patients.PatientSummary;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

@BackstoryTest
class PatientsViewTest extends SpringBrowserlessTest {

    @Autowired ClinicalFixture fixture;
    @Autowired PatientService patients;

    @RegisterExtension
    final SignedIn signedIn = SignedIn.as("therapist");

    @Test
    void shouldFindAPatientByNameInTheLazyGrid() {
        PatientSummary patient = fixture.patient();
        PatientsView view = target(navigate(PatientsView.class));

        test(view.search).setValue(patient.lastName());

        assertThat(test(view.grid).size()).isEqualTo(1);
        assertThat(test(view.grid).getRow(0).id()).isEqualTo(patient.id());
    }

    @Test
    void shouldKeepWhatWasTypedAndNameTheMissingFields() {
        PatientsView view = withNewPatientForm();
        PatientForm form = view.form;

        test(form.firstName).setValue("Grace");
        test(form.save).click();

        assertThat(view.dialog.isOpened()).isTrue();
        assertThat(form.firstName.getValue()).isEqualTo("Grace");
        assertThat(form.lastName.isInvalid()).isTrue();
        assertThat(form.lastName.getErrorMessage()).isEqualTo("Last name: please enter it");
        assertThat(form.dateOfBirth.isInvalid()).isTrue();
    }

    @Test
    void shouldShowTheServicesRuleAndKeepTheForm() {
        PatientsView view = withNewPatientForm();
        PatientForm form = view.form;
        fillRequired(form, "Oldest", LocalDate.now().minusYears(130));
        test(form.save).click();

        assertThat(view.dialog.isOpened()).isTrue();
        assertThat(form.errors.isVisible()).isTrue();
        assertThat(form.errors.getElement().getTextRecursively()).contains("Date of birth: required, not in the future and at most 120 years ago");
        assertThat(form.lastName.getValue()).isEqualTo("Oldest");
    }

    @Test
    void shouldSaveANewPatientAndOpenTheirPage() {
        PatientsView view = withNewPatientForm();
        PatientForm form = view.form;
        fillRequired(form, "Newcomer", LocalDate.of(1980, 2, 29));
        test(form.email).setValue("grace@example.org");
        test(form.save).click();

        assertThat(view.dialog.isOpened()).isFalse();
        assertThat(target(getCurrentView()).getClass().getSimpleName()).isEqualTo("PatientView");
    }

    @Test
    void shouldNameTheEmailLengthRuleInTheFormAndKeepWhatWasTyped() {
        PatientsView view = withNewPatientForm();
        PatientForm form = view.form;
        fillRequired(form, "Longmail", LocalDate.of(1980, 2, 29));
        String email = "a".repeat(200) + "@example.org";
        test(form.email).setValue(email);

        test(form.save).click();

        assertThat(view.dialog.isOpened()).isTrue();
        assertThat(form.email.isInvalid()).isTrue();
        assertThat(form.email.getErrorMessage()).isEqualTo("Email: at most 120 characters");
        assertThat(form.email.getValue()).isEqualTo(email);
        assertThat(form.lastName.getValue()).isEqualTo("Longmail");
    }

    @Test
    void shouldRefuseAnEmailLongerThanTheColumnWithItsRuleNotADatabaseError() {
        PatientCommand command = new PatientCommand("Grace", "Longmail", LocalDate.of(1980, 2, 29), Sex.F, null,
                "a".repeat(200) + "@example.org", true);

        assertThatThrownBy(() -> patients.create(command)).isInstanceOf(UserFacingException.class)
                .hasMessage("Email: at most 120 characters");
    }

    @Test
    void shouldMeasureANamesLengthWithoutTheSpacesAroundIt() {
        PatientSummary saved = patients.create(new PatientCommand("  " + "G".repeat(80) + "  ", "Spaces",
                LocalDate.of(1980, 2, 29), Sex.F, null, null, true));

        assertThat(saved.firstName()).isEqualTo("G".repeat(80));
    }

    /** Views carry @RolesAllowed, so method security hands out a proxy: tests look at the view itself. */
    private static <T> T target(T view) {
        return org.springframework.test.util.AopTestUtils.getUltimateTargetObject(view);
    }

    /** What the form requires, for Grace (female) of this last name and date of birth. */
    private void fillRequired(PatientForm form, String lastName, LocalDate dateOfBirth) {
        test(form.firstName).setValue("Grace");
        test(form.lastName).setValue(lastName);
        test(form.dateOfBirth).setValue(dateOfBirth);
        test(form.sex).selectItem("Female");
    }

    /** The patient list with its new-patient dialog open. */
    private PatientsView withNewPatientForm() {
        PatientsView view = target(navigate(PatientsView.class));
        test(view.newPatient).click();
        roundTrip();
        return view;
    }
}
