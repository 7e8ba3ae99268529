package io.backstory.security.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm login = new LoginForm();
    private final LoginI18n i18n;

    public LoginView() {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);

        i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setUsername(getTranslation("login.username"));
        i18n.getForm().setPassword(getTranslation("login.password"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        i18n.getErrorMessage().setTitle(getTranslation("login.error.title"));
        i18n.getErrorMessage().setMessage(getTranslation("login.error.message"));
        login.setI18n(i18n);
        login.setForgotPasswordButtonVisible(false);
        login.setAction("login");

        H1 brand = new H1(getTranslation("app.name"));
        brand.addClassName("login-brand");
        Paragraph tagline = new Paragraph(getTranslation("app.tagline"));
        tagline.addClassName("login-tagline");
        Div card = new Div(brand, tagline, login);
        card.addClassName("login-card");
        add(card);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        if (parameters.getOrDefault("error", List.of()).contains("throttled")) {
            LoginI18n.ErrorMessage message = new LoginI18n.ErrorMessage();
            message.setTitle(getTranslation("login.throttled.title"));
            message.setMessage(getTranslation("login.throttled.message", waitSeconds(parameters.get("wait"))));
            i18n.setErrorMessage(message);
            login.setI18n(i18n);
        }
        login.setError(parameters.containsKey("error"));
    }

    /** The wait the throttle named in the redirect, as a whole number only (it is shown on the page). */
    private static long waitSeconds(@Nullable List<String> values) {
        if (values != null && !values.isEmpty() && values.getFirst().matches("\\d{1,6}")) {
            return Long.parseLong(values.getFirst());
        }
        return 60;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.login"));
    }
}
