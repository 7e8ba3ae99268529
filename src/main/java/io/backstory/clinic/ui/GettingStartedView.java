package io.backstory.clinic.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.backstory.base.ui.ErrorSummary;
import io.backstory.base.ui.Notices;
import io.backstory.base.ui.PeoplePages;
import io.backstory.base.ui.PageHeader;
import io.backstory.clinic.ClinicService;
import io.backstory.clinic.ClinicSummary;
import io.backstory.clinic.SetupProgress;
import jakarta.annotation.security.RolesAllowed;
import java.util.stream.Collectors;

/**
 * First run (DESIGN §8): the first admin of an empty installation names the clinic, says where it
 * works, and adds the first therapist, in that order, each step ticked off as it is done. The home
 * page sends admins here until a therapist exists.
 */
@Route("getting-started")
@RolesAllowed("ADMIN")
public class GettingStartedView extends VerticalLayout implements HasDynamicTitle {

    private final ClinicService clinics;
    final TextField clinicName = new TextField();
    final TextField location = new TextField();
    final Button saveName = new Button();
    final Button addLocation = new Button();
    final Button addTherapist = new Button();
    final ErrorSummary errors = new ErrorSummary();
    private final Div steps = new Div();

    public GettingStartedView(ClinicService clinics, PeoplePages people) {
        this.clinics = clinics;
        addClassName("getting-started-view");
        Paragraph intro = PageHeader.intro(getTranslation("start.intro"));
        steps.addClassName("start-steps");

        ClinicInputs.clinicName(clinicName, saveName, "min(24rem, 100%)", () -> change(() -> clinics.renameClinic(clinicName.getValue())));
        ClinicInputs.newLocation(location, addLocation, "min(24rem, 100%)", () -> change(() -> clinics.addLocation(location.getValue())));

        PageHeader.mainAction(addTherapist, getTranslation("start.therapist.add"), VaadinIcon.USER_CARD, e -> people.addTherapist());

        add(new H2(getTranslation("start.title")), intro, errors, steps);
        render();
    }

    private void render() {
        SetupProgress progress = clinics.setupProgress();
        ClinicSummary clinic = clinics.currentClinic();
        if (clinicName.isEmpty() || !progress.named()) {
            clinicName.setValue(progress.named() ? progress.clinicName() : "");
        }
        clinicName.setPlaceholder(progress.named() ? "" : getTranslation("start.name.placeholder"));

        HorizontalLayout nameRow = row(clinicName, saveName);
        Paragraph where = new Paragraph(getTranslation("start.locations.now",
                clinic.openLocations().stream().map(ClinicSummary.LocationSummary::name).collect(Collectors.joining(", "))));
        Button manage = new Button(getTranslation("start.locations.manage"), e -> UI.getCurrent().navigate(ClinicView.class));
        manage.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Paragraph who = new Paragraph(getTranslation("start.therapist.text"));
        Paragraph next = new Paragraph(getTranslation("start.settings.text"));
        Button settings = new Button(getTranslation("start.settings.open"), e -> UI.getCurrent().navigate(ClinicSettingsView.class));
        settings.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        steps.removeAll();
        steps.add(step(1, "start.name.title", progress.named(), nameRow),
                step(2, "start.locations.title", progress.openLocations() > 0, where, row(location, addLocation), manage),
                step(3, "start.therapist.title", progress.therapists() > 0, who, addTherapist),
                step(4, "start.settings.title", false, next, settings));
        if (progress.complete()) {
            Div done = new Div(VaadinIcon.CHECK_CIRCLE.create(), new Span(getTranslation("start.done")));
            done.addClassNames("callout", "callout-nudge");
            steps.addComponentAsFirst(done);
        }
    }

    private static HorizontalLayout row(Component... components) {
        HorizontalLayout row = new HorizontalLayout(components);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        return row;
    }

    private Div step(int number, String titleKey, boolean done, Component... body) {
        Icon mark = (done ? VaadinIcon.CHECK_CIRCLE : VaadinIcon.CIRCLE_THIN).create();
        mark.addClassName(done ? "step-done" : "step-open");
        Span label = new Span(getTranslation("start.step", number));
        label.addClassName("step-number");
        H3 title = new H3(mark, label, new Span(getTranslation(titleKey)));
        title.addClassName("step-title");
        Div step = new Div(title);
        step.add(body);
        step.addClassNames("panel", "start-step", done ? "start-step-done" : "start-step-open");
        return step;
    }

    private boolean change(java.util.function.Supplier<ClinicSummary> action) {
        return errors.save(getTranslation("save.what.clinic"), action).map(saved -> {
            Notices.saved(getTranslation("start.saved"), 3000);
            render();
            return true;
        }).orElse(false);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.gettingStarted"));
    }
}
