package io.backstory.security.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.shared.Registration;
import java.util.List;

/**
 * The centred card of the pages around signing in (code, authenticator setup, setup link), in the login page's look,
 * and its title in the browser tab.
 */
abstract class CardPage extends VerticalLayout implements HasDynamicTitle {

    final Div card = new Div();
    private final String titleKey;
    private List<Registration> primary = List.of();

    CardPage(String titleKey, String... cardClasses) {
        this.titleKey = titleKey;
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        card.addClassNames("login-card", "mfa-card");
        card.addClassNames(cardClasses);
        add(card);
    }

    /**
     * The card's one primary action: full width, and what Enter does. A page entered again (another link opened
     * while it shows) draws its card anew; the action drawn before is removed, so one click or Enter runs it once.
     */
    void primaryAction(Button button, String text, Runnable action) {
        primary.forEach(Registration::remove);
        button.setText(text);
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        button.setWidthFull();
        primary = List.of(button.addClickShortcut(Key.ENTER), button.addClickListener(e -> action.run()));
    }

    H1 brand() {
        H1 brand = new H1(getTranslation("app.name"));
        brand.addClassName("login-brand");
        return brand;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation(titleKey));
    }
}
