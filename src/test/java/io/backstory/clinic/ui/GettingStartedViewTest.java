package io.backstory.clinic.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.dialog.Dialog;
import io.backstory.BackstoryTest;
import io.backstory.SignedIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@BackstoryTest
class GettingStartedViewTest extends SpringBrowserlessTest {

    @RegisterExtension final SignedIn signedIn = SignedIn.as("admin");

    /** The "add a therapist" step opens the people page (typed navigation) with the new-person form open. */
    @Test
    void shouldOpenThePeoplePageReadyToAddATherapist() {
        GettingStartedView view = target(navigate(GettingStartedView.class));

        test(view.addTherapist).click();

        assertThat(target(getCurrentView()).getClass().getSimpleName()).isEqualTo("PeopleView");
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters())
                .isEqualTo("people?add=therapist");
        assertThat($(Dialog.class).first().isOpened()).isTrue();
    }

    /** Views are Spring beans (proxied when they carry security annotations): reach the view itself. */
    private static <T> T target(T view) {
        return org.springframework.test.util.AopTestUtils.getUltimateTargetObject(view);
    }
}
