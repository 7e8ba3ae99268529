package io.backstory.security.ui;

import io.backstory.base.UserFacingException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.backstory.security.SignInFlow;
import java.util.List;
import java.util.Optional;

/**
 * An owner or admin without an authenticator, right after their password: their role requires
 * two-step sign-in, so they set it up now, save their recovery codes, and carry on into the app.
 */
@Route(value = "sign-in/authenticator", autoLayout = false)
@AnonymousAllowed
public class SignInEnrolView extends SignInStepPage {

    AuthenticatorSetup setup;
    final Button carryOn = new Button();

    public SignInEnrolView(SignInFlow flow) {
        super(flow, "title.signInEnrol", "mfa-card-wide");
    }

    /** Only a sign-in whose role requires an authenticator that is not set up yet. */
    @Override
    Optional<SignInFlow.Pending> pending() {
        return flow.pending().filter(SignInFlow.Pending::mustEnrol);
    }

    @Override
    void render(String name) {
        setup = new AuthenticatorSetup(flow.enrolment());
        setup.addConfirmListener(e -> confirm(e.code()));
        card.add(brand(), new H2(getTranslation("mfa.enrol.title")), new Paragraph(getTranslation("mfa.enrol.text", name)), setup);
    }

    void confirm(String code) {
        try {
            List<String> codes = flow.confirmEnrolment(code);
            card.removeAll();
            carryOn.setText(getTranslation("mfa.recovery.saved"));
            carryOn.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            carryOn.addClickListener(e -> enterApp());
            card.add(new H2(getTranslation("mfa.enrol.done")), new RecoveryCodes(codes), carryOn);
        } catch (SignInFlow.SignInExpiredException expired) {
            backToLogin();
        } catch (IllegalArgumentException wrong) {
            setup.showError(UserFacingException.localized(wrong, getLocale()));
        }
    }
}
