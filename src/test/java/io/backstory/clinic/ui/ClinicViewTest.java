package io.backstory.clinic.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import io.backstory.BackstoryTest;
import io.backstory.SignedIn;
import io.backstory.clinic.ClinicService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

@BackstoryTest
class ClinicViewTest extends SpringBrowserlessTest {

    @RegisterExtension final SignedIn signedIn = SignedIn.as("admin");
    @Autowired ClinicService clinics;

    /** A pasted location name over the cap is not cut by the browser: refused with its length, kept in the field. */
    @Test
    void shouldRefuseAnOverLongLocationNameWithItsLengthAndKeepIt() {
        ClinicView view = target(navigate(ClinicView.class));
        String pasted = "North side physiotherapy and back care centre, ".repeat(3) + "North";
        assertThat(pasted).hasSize(146);

        test(view.newLocation).setValue(pasted);
        test(view.addLocation).click();

        assertThat(view.newLocation.getMaxLength()).as("no browser maxlength to cut a paste").isZero();
        assertThat(view.locationErrors.getElement().getTextRecursively())
                .contains("Location name: at most 120 characters (146 entered)");
        assertThat(view.newLocation.getValue()).isEqualTo(pasted);
        assertThat(clinics.currentClinic().locations()).noneMatch(l -> l.name().startsWith("North side physiotherapy"));
    }

    /** Views are Spring beans (proxied when they carry security annotations): reach the view itself. */
    private static <T> T target(T view) {
        return org.springframework.test.util.AopTestUtils.getUltimateTargetObject(view);
    }
}
