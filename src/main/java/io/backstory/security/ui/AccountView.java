package io.backstory.security.ui;

import io.backstory.base.UserFacingException;
import java.util.stream.Stream;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.backstory.base.ui.Formats;
import io.backstory.base.ui.ErrorSummary;
import io.backstory.base.ui.Notices;
import io.backstory.security.PasswordPolicy;
import io.backstory.security.PersonRow;
import io.backstory.security.SecondFactorService;
import io.backstory.security.SignInRecord;
import io.backstory.security.UserAccountService;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Everyone's own account: who they are here, change the password, two-step sign-in, and recent sign-ins. */
@Route("account")
@Menu(order = 30, icon = "USER", title = "nav.account")
@PermitAll
public class AccountView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final UserAccountService accounts;
    private final SecondFactorService factors;
    private final Clock clock;
    final PasswordField current = new PasswordField();
    final PasswordField fresh = new PasswordField();
    final PasswordField repeat = new PasswordField();
    final Button changePassword = new Button();
    final ErrorSummary passwordErrors = new ErrorSummary();
    final Div mfa = new Div();
    final Select<String> language = new Select<>();
    AuthenticatorSetup setup;

    public AccountView(UserAccountService accounts, SecondFactorService factors, Clock clock) {
        this.accounts = accounts;
        this.factors = factors;
        this.clock = clock;
        addClassName("account-view");
        PersonRow me = accounts.ownAccount();

        H2 title = new H2(getTranslation("account.title"));
        Paragraph who = new Paragraph(getTranslation("account.who", me.displayName(), me.username(),
                me.roles().stream().sorted().map(r -> getTranslation("role." + r.name())).collect(Collectors.joining(", "))));
        who.addClassName("muted");
        add(title, who, languagePanel(), passwordPanel(), mfa, signInsPanel());
        mfa.addClassNames("panel", "account-mfa");
        renderMfa(me);
    }

    /** The language of the app for this person; empty follows the browser's. */
    private Div languagePanel() {
        language.setLabel(getTranslation("account.language"));
        language.setItems(Stream.concat(Stream.of(""), UserAccountService.LANGUAGES.stream()).toList());
        language.setItemLabelGenerator(tag -> getTranslation(tag.isEmpty() ? "account.language.browser" : "language." + tag));
        language.setValue(accounts.ownLanguage().orElse(""));
        language.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                accounts.changeOwnLanguage(e.getValue());
                // A fresh page renders every text in the new language (and the browser's, when the choice was cleared).
                UI.getCurrent().getPage().reload();
            }
        });
        Div panel = new Div(new H3(getTranslation("account.language.title")), language);
        panel.addClassNames("panel", "account-language");
        return panel;
    }

    private Div passwordPanel() {
        current.setLabel(getTranslation("account.password.current"));
        current.getElement().setAttribute("autocomplete", "current-password");
        fresh.setLabel(getTranslation("account.password.new"));
        fresh.setHelperText(getTranslation("password.rule", PasswordPolicy.MIN_LENGTH));
        // No maxlength: the browser would cut a longer pasted or generated password to 64 characters in this field
        // only, and the user would read "does not match" instead of the length rule the service names.
        fresh.getElement().setAttribute("autocomplete", "new-password");
        repeat.setLabel(getTranslation("account.password.repeat"));
        repeat.getElement().setAttribute("autocomplete", "new-password");
        changePassword.setText(getTranslation("account.password.save"));
        changePassword.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        changePassword.addClickListener(e -> changePassword());
        FormLayout form = new FormLayout(current, fresh, repeat);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40rem", 3));
        Paragraph note = new Paragraph(getTranslation("account.password.note"));
        note.addClassName("muted");
        Div panel = new Div(new H3(getTranslation("account.password.title")), note, form, passwordErrors, changePassword);
        panel.addClassName("panel");
        return panel;
    }

    void changePassword() {
        passwordErrors.clear();
        if (!fresh.getValue().equals(repeat.getValue())) {
            passwordErrors.show(getTranslation("form.problems"), getTranslation("account.password.mismatch"));
            return;
        }
        if (passwordErrors.run(getTranslation("save.what.password"), () -> accounts.changeOwnPassword(current.getValue(), fresh.getValue()))) {
            current.clear();
            fresh.clear();
            repeat.clear();
            Notices.saved(getTranslation("account.password.saved"), 4000);
        }
    }

    private void renderMfa(PersonRow me) {
        mfa.removeAll();
        mfa.add(new H3(getTranslation("account.mfa.title")));
        boolean required = factors.requiredForRoles(me.roles());
        if (me.secondFactor()) {
            Span on = new Span(getTranslation("account.mfa.on"));
            on.addClassNames("pill", "pill-success");
            int left = factors.ownRecoveryCodesLeft();
            Paragraph codes = new Paragraph(getTranslation("account.mfa.codesLeft", left));
            codes.addClassName(left <= 3 ? "warning-text" : "muted");
            Button again = new Button(getTranslation("account.mfa.replace"), e -> startSetup());
            mfa.add(on, new Paragraph(getTranslation("account.mfa.onText")), codes, again);
        } else {
            mfa.add(new Paragraph(getTranslation(required ? "account.mfa.offRequired" : "account.mfa.offOptional")));
            Button start = new Button(getTranslation("account.mfa.start"), e -> startSetup());
            start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            mfa.add(start);
        }
    }

    void startSetup() {
        mfa.removeAll();
        setup = new AuthenticatorSetup(factors.newOwnEnrolment());
        String secret = setup.secretValue;
        setup.addConfirmListener(e -> {
            try {
                List<String> codes = factors.confirmOwn(secret, e.code());
                mfa.removeAll();
                Button done = new Button(getTranslation("mfa.recovery.saved"), click -> renderMfa(accounts.ownAccount()));
                done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                mfa.add(new H3(getTranslation("mfa.enrol.done")), new RecoveryCodes(codes), done);
            } catch (IllegalArgumentException wrong) {
                setup.showError(UserFacingException.localized(wrong, getLocale()));
            }
        });
        Button cancel = new Button(getTranslation("form.cancel"), e -> renderMfa(accounts.ownAccount()));
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        mfa.add(new H3(getTranslation("account.mfa.title")), setup, cancel);
    }

    private Div signInsPanel() {
        Grid<SignInRecord> grid = new Grid<>();
        grid.addColumn(r -> TIME.withLocale(Formats.locale()).format(r.at().atZone(clock.getZone()))).setHeader(getTranslation("account.signins.when")).setAutoWidth(true);
        grid.addColumn(r -> getTranslation("account.signins." + r.outcome().name())).setHeader(getTranslation("account.signins.outcome"));
        grid.addColumn(r -> r.clientAddress() == null ? "—" : r.clientAddress()).setHeader(getTranslation("account.signins.from"));
        grid.setItems(accounts.recentSignIns(10));
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        grid.setEmptyStateText(getTranslation("account.signins.none"));
        Paragraph note = new Paragraph(getTranslation("account.signins.note"));
        note.addClassName("muted");
        Div panel = new Div(new H3(getTranslation("account.signins.title")), note, grid);
        panel.addClassName("panel");
        return panel;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.account"));
    }
}
