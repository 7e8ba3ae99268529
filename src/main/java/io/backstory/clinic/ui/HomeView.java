package io.backstory.clinic.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.backstory.clinic.ClinicOverview;
import io.backstory.clinic.ClinicService;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.util.Locale;

/** Where everyone lands after signing in: the clinic and its numbers at a glance. */
@Route("")
@PageTitle("Home · Backstory")
@Menu(order = 0, icon = "HOME", title = "nav.home")
@PermitAll
public class HomeView extends VerticalLayout {

    public HomeView(ClinicService clinics) {
        addClassName("home-view");
        ClinicOverview o = clinics.overview();
        H2 title = new H2(o.clinicName());
        Paragraph subtitle = new Paragraph(getTranslation("home.subtitle", o.locations(), o.therapists()));
        subtitle.addClassName("muted");

        Div cards = new Div(
                card("home.patients", o.patients()),
                card("home.openEpisodes", o.openEpisodes()),
                card("home.dischargedEpisodes", o.dischargedEpisodes()),
                card("home.visits30", o.visitsLast30Days()),
                card("home.followUpsDue", o.followUpsDue()),
                card("home.recurrences", o.recurrences()));
        cards.addClassName("kpi-grid");
        add(title, subtitle, cards);
    }

    private Div card(String labelKey, long value) {
        Span number = new Span(NumberFormat.getIntegerInstance(Locale.ENGLISH).format(value));
        number.addClassName("kpi-value");
        Span label = new Span(getTranslation(labelKey));
        label.addClassName("kpi-label");
        Div card = new Div(number, label);
        card.addClassName("kpi-card");
        return card;
    }
}
