package io.backstory.clinic.ui;

import io.backstory.base.ui.Formats;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.backstory.clinic.ClinicOverview;
import io.backstory.clinic.ClinicService;
import io.backstory.clinic.SetupProgress;
import io.backstory.security.CurrentUser;
import io.backstory.security.Role;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.util.Locale;

/** Where everyone lands after signing in: the clinic and its numbers at a glance. */
@Route("")
@Menu(order = 0, icon = "HOME", title = "nav.home")
@PermitAll
public class HomeView extends VerticalLayout implements HasDynamicTitle {

    public HomeView(ClinicService clinics, CurrentUser currentUser) {
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
        add(title, subtitle);
        if (currentUser.require().hasRole(Role.ADMIN)) {
            SetupProgress progress = clinics.setupProgress();
            if (!progress.complete()) {
                add(setupCard(progress));
            }
        }
        add(cards);
    }

    /** First run: until the clinic is named and has a therapist, the admin is pointed to the getting-started steps. */
    private Div setupCard(SetupProgress progress) {
        Span text = new Span(getTranslation(progress.named() ? "home.setup.therapist" : "home.setup.text"));
        Button go = new Button(getTranslation("home.setup.go"), e -> UI.getCurrent().navigate(GettingStartedView.class));
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div card = new Div(VaadinIcon.ROCKET.create(), text, go);
        card.addClassNames("callout", "callout-nudge", "setup-card");
        return card;
    }

    private Div card(String labelKey, long value) {
        Span number = new Span(NumberFormat.getIntegerInstance(Formats.locale()).format(value));
        number.addClassName("kpi-value");
        Span label = new Span(getTranslation(labelKey));
        label.addClassName("kpi-label");
        Div card = new Div(number, label);
        card.addClassName("kpi-card");
        return card;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.home"));
    }
}
