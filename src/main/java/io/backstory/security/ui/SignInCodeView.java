package io.backstory.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.backstory.base.ui.ErrorSummary;
import io.backstory.security.LoginThrottledException;
import io.backstory.security.SignInFlow;

/** The second step of signing in: the 6-digit code from the authenticator app, or a recovery code. */
@Route(value = "sign-in/code", autoLayout = false)
@AnonymousAllowed
public class SignInCodeView extends SignInStepPage {

    final TextField code = new TextField();
    final Button verify = new Button();
    final ErrorSummary errors = new ErrorSummary();

    public SignInCodeView(SignInFlow flow) {
        super(flow, "title.signInCode");
    }

    @Override
    void render(String name) {
        Paragraph hello = new Paragraph(getTranslation("mfa.signin.text", name));
        code.setLabel(getTranslation("mfa.code"));
        code.setHelperText(getTranslation("mfa.signin.codeHelp"));
        code.getElement().setAttribute("autocomplete", "one-time-code");
        code.setMaxLength(12);
        code.setWidthFull();
        code.focus();
        primaryAction(verify, getTranslation("mfa.signin.verify"), this::verify);
        Button other = new Button(getTranslation("mfa.signin.cancel"), e -> {
            flow.cancel();
            backToLogin();
        });
        other.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        card.add(brand(), new H2(getTranslation("mfa.signin.title")), hello, code, errors, verify, other);
    }

    void verify() {
        errors.clear();
        try {
            if (flow.verify(code.getValue())) {
                enterApp();
                return;
            }
            code.clear();
            code.focus();
            errors.show(getTranslation("form.problems"), getTranslation("mfa.signin.wrong"));
        } catch (LoginThrottledException throttled) {
            errors.show(getTranslation("form.problems"), getTranslation("login.throttled.message", throttled.retryAfterSeconds()));
        } catch (SignInFlow.SignInExpiredException expired) {
            backToLogin();
        }
    }
}
