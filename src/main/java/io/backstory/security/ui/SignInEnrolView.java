package io.backstory.security.ui;

import io.backstory.base.UserFacingException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.backstory.security.SignInFlow;
import java.util.List;

/**
 * An owner or admin without an authenticator, right after their password: their role requires
 * two-step sign-in, so they set it up now, save their recovery codes, and carry on into the app.
 */
@Route(value = "sign-in/authenticator", autoLayout = false)
@AnonymousAllowed
public class SignInEnrolView extends CardPage implements BeforeEnterObserver {

    private final SignInFlow flow;
    AuthenticatorSetup setup;
    final Button carryOn = new Button();

    public SignInEnrolView(SignInFlow flow) {
        super("title.signInEnrol", "mfa-card-wide");
        this.flow = flow;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        flow.pending().filter(SignInFlow.Pending::mustEnrol).ifPresentOrElse(p -> render(p.displayName()), () -> event.forwardTo(LoginView.class));
    }

    private void render(String name) {
        card.removeAll();
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
            carryOn.addClickListener(e -> {
                flow.complete();
                UI.getCurrent().getPage().setLocation(VaadinService.getCurrentRequest().getContextPath() + "/");
            });
            card.add(new H2(getTranslation("mfa.enrol.done")), new RecoveryCodes(codes), carryOn);
        } catch (SignInFlow.SignInExpiredException expired) {
            UI.getCurrent().navigate(LoginView.class);
        } catch (IllegalArgumentException wrong) {
            setup.showError(UserFacingException.localized(wrong, getLocale()));
        }
    }
}
