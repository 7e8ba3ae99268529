package io.backstory.security.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The centred card of the pages around signing in (code, authenticator setup, setup link), in the login page's look. */
abstract class CardPage extends VerticalLayout {

    final Div card = new Div();

    CardPage(String... cardClasses) {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        card.addClassNames("login-card", "mfa-card");
        card.addClassNames(cardClasses);
        add(card);
    }

    H1 brand() {
        H1 brand = new H1(getTranslation("app.name"));
        brand.addClassName("login-brand");
        return brand;
    }
}
