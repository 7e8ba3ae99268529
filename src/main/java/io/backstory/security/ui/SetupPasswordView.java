package io.backstory.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.backstory.base.ui.ErrorSummary;
import io.backstory.security.PasswordPolicy;
import io.backstory.security.SetupInvitation;
import io.backstory.security.UserAccountService;

/**
 * Where a new colleague (or one whose password an admin reset) chooses their password, from the
 * single-use link the admin handed over. Unknown, used and expired links get the same calm page.
 */
@Route(value = "welcome/:token", autoLayout = false)
@AnonymousAllowed
public class SetupPasswordView extends CardPage implements BeforeEnterObserver {

    private final UserAccountService accounts;
    final PasswordField password = new PasswordField();
    final PasswordField repeat = new PasswordField();
    final Button save = new Button();
    final ErrorSummary errors = new ErrorSummary();
    private String token = "";

    public SetupPasswordView(UserAccountService accounts) {
        super("title.setupPassword");
        this.accounts = accounts;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        token = event.getRouteParameters().get("token").orElse("");
        accounts.invitation(token).ifPresentOrElse(this::render, this::renderInvalid);
    }

    private void render(SetupInvitation invitation) {
        card.removeAll();
        TextField username = new TextField(getTranslation("login.username"));
        username.setValue(invitation.username());
        username.setReadOnly(true);
        username.setWidthFull();
        username.getElement().setAttribute("autocomplete", "username");
        password.setLabel(getTranslation("setup.password"));
        password.setHelperText(getTranslation("password.rule", PasswordPolicy.MIN_LENGTH));
        password.setWidthFull();
        password.getElement().setAttribute("autocomplete", "new-password");
        // No maxlength: the browser would cut a longer pasted or generated password to 64 characters in this field
        // only, and the user would read "does not match" instead of the length rule the service names.
        repeat.setLabel(getTranslation("setup.repeat"));
        repeat.setWidthFull();
        repeat.getElement().setAttribute("autocomplete", "new-password");
        primaryAction(save, getTranslation("setup.save"), this::save);
        card.add(brand(), new H2(getTranslation(invitation.firstPassword() ? "setup.title.first" : "setup.title.reset")),
                new Paragraph(getTranslation("setup.text", invitation.displayName())), username, password, repeat, errors, save);
    }

    private void renderInvalid() {
        card.removeAll();
        card.add(brand(), new H2(getTranslation("setup.invalid.title")), new Paragraph(getTranslation("setup.invalid.text")),
                new Anchor("login", getTranslation("setup.toLogin")));
    }

    void save() {
        errors.clear();
        if (!password.getValue().equals(repeat.getValue())) {
            errors.show(getTranslation("form.problems"), getTranslation("setup.mismatch"));
            return;
        }
        errors.save(getTranslation("save.what.password"), () -> accounts.completeSetup(token, password.getValue())).ifPresent(username -> {
            card.removeAll();
            Anchor signIn = new Anchor("login", getTranslation("setup.signIn"));
            signIn.addClassName("primary-link");
            card.add(brand(), new H2(getTranslation("setup.done.title")), new Paragraph(getTranslation("setup.done.text", username)), signIn);
        });
    }
}
