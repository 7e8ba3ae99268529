package io.backstory.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.server.VaadinService;
import io.backstory.security.SignInFlow;
import java.util.Optional;

/**
 * A step of signing in after the password (the code, setting up an authenticator): it shows only while a sign-in is
 * pending in the session (anyone else is sent to the login page), and ends by entering the app, or at the login page
 * once the pending sign-in has expired.
 */
abstract class SignInStepPage extends CardPage implements BeforeEnterObserver {

    final SignInFlow flow;

    SignInStepPage(SignInFlow flow, String titleKey, String... cardClasses) {
        super(titleKey, cardClasses);
        this.flow = flow;
    }

    @Override
    public final void beforeEnter(BeforeEnterEvent event) {
        card.removeAll();
        pending().ifPresentOrElse(p -> render(p.displayName()), () -> event.forwardTo(LoginView.class));
    }

    /** The pending sign-in this step is for; empty sends the visitor to the login page. */
    Optional<SignInFlow.Pending> pending() {
        return flow.pending();
    }

    /** Builds the card for the person signing in. */
    abstract void render(String name);

    /**
     * Completes the sign-in and enters the app with a full page load: this page's UI was built for an anonymous
     * visitor, and the signed-in session now has a new id.
     */
    void enterApp() {
        flow.complete();
        UI.getCurrent().getPage().setLocation(VaadinService.getCurrentRequest().getContextPath() + "/");
    }

    /** Back to the password: the pending sign-in expired or was given up. */
    static void backToLogin() {
        UI.getCurrent().navigate(LoginView.class);
    }
}
