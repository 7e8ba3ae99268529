package io.backstory.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import io.backstory.BackstoryTest;
import io.backstory.SignedIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.util.AopTestUtils;

@BackstoryTest
class AccountViewTest extends SpringBrowserlessTest {

    @RegisterExtension
    final SignedIn signedIn = SignedIn.as("therapist");

    /**
     * A password manager fills both fields with its long password. A maxlength on the first field made the browser
     * cut it there only, so the user read "does not match"; the length rule must be the message, and the field
     * must keep all of it.
     */
    @Test
    void shouldNameTheLengthRuleForALongGeneratedPasswordNotAMismatch() {
        AccountView view = AopTestUtils.getUltimateTargetObject(navigate(AccountView.class));
        String generated = "correct-horse-battery-staple-" + "x".repeat(55);

        assertThat(view.fresh.getElement().hasProperty("maxlength")).as("the browser would truncate the pasted password").isFalse();
        test(view.current).setValue("not-the-password");
        test(view.fresh).setValue(generated);
        test(view.repeat).setValue(generated);
        test(view.changePassword).click();

        assertThat(view.passwordErrors.getElement().getTextRecursively())
                .contains("New password: at most 64 characters").doesNotContain("Repeat the new password");
        assertThat(view.fresh.getValue()).isEqualTo(generated);
    }
}
