package io.backstory.security.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import io.backstory.base.ui.ErrorSummary;
import io.backstory.security.SecondFactorService;

/**
 * Setting up an authenticator app: the QR code, the same secret as text for typing in, and the field
 * for the first code. Fires a ConfirmEvent with the code; the view asks the service.
 */
class AuthenticatorSetup extends Div {

    final TextField code = new TextField();
    final Button confirm = new Button();
    final ErrorSummary errors = new ErrorSummary();
    final Span secret = new Span();
    /** The secret being set up (also on screen, grouped for typing). */
    final String secretValue;

    AuthenticatorSetup(SecondFactorService.Enrolment enrolment) {
        this.secretValue = enrolment.secret();
        addClassName("authenticator-setup");
        Svg qr = new Svg(QrCodeSvg.of(enrolment.otpauthUri()));
        qr.addClassName("qr-code");

        secret.setText(grouped(enrolment.secret()));
        secret.addClassName("totp-secret");
        secret.getElement().setAttribute("data-secret", enrolment.secret());

        OrderedList steps = new OrderedList(
                new ListItem(getTranslation("mfa.setup.step1")),
                new ListItem(getTranslation("mfa.setup.step2")),
                new ListItem(getTranslation("mfa.setup.step3")));
        steps.addClassName("mfa-steps");
        Paragraph typeIt = new Paragraph(getTranslation("mfa.setup.typeSecret"));
        typeIt.addClassName("muted");

        code.setLabel(getTranslation("mfa.code"));
        code.setHelperText(getTranslation("mfa.code.help"));
        code.setPattern("[0-9 ]*");
        code.setMaxLength(7);
        code.getElement().setAttribute("inputmode", "numeric");
        code.getElement().setAttribute("autocomplete", "one-time-code");
        code.setWidth("12rem");
        confirm.setText(getTranslation("mfa.setup.confirm"));
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.addClickShortcut(Key.ENTER);
        confirm.addClickListener(e -> fireEvent(new ConfirmEvent(this, code.getValue())));

        Div text = new Div(steps, typeIt, secret, code, errors, confirm);
        text.addClassName("authenticator-text");
        add(qr, text);
    }

    void showError(String message) {
        errors.show(getTranslation("form.problems"), message);
        code.clear();
        code.focus();
    }

    /** Groups of four, as most apps show and people type them. */
    static String grouped(String secret) {
        return secret.replaceAll("(.{4})(?!$)", "$1 ");
    }

    static final class ConfirmEvent extends ComponentEvent<AuthenticatorSetup> {
        private final String code;

        ConfirmEvent(AuthenticatorSetup source, String code) {
            super(source, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    Registration addConfirmListener(ComponentEventListener<ConfirmEvent> listener) {
        return addListener(ConfirmEvent.class, listener);
    }
}
