package io.backstory.patients.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.backstory.base.ui.Formats;
import io.backstory.base.ui.Notices;
import io.backstory.base.ui.PageHeader;
import io.backstory.base.ui.RecordPages;
import io.backstory.patients.PatientRow;
import io.backstory.patients.PatientService;
import io.backstory.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;

/** The clinic's patients: a lazy, searchable list and the new-patient form. */
@Route("patients")
@Menu(order = 1, icon = "USERS", title = "nav.patients")
@RolesAllowed({"THERAPIST", "OWNER", "ADMIN"})
public class PatientsView extends VerticalLayout implements HasDynamicTitle {

    final TextField search = new TextField();
    final Grid<PatientRow> grid = new Grid<>();
    final Button newPatient = new Button();
    private final PatientService patients;
    private final Clock clock;
    private final RecordPages pages;
    Dialog dialog;
    PatientForm form;

    public PatientsView(PatientService patients, CurrentUser currentUser, Clock clock, RecordPages pages) {
        this.pages = pages;
        this.patients = patients;
        this.clock = clock;
        addClassName("patients-view");
        setSizeFull();

        search.setPlaceholder(getTranslation("patients.search"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setWidth("20rem");
        search.setAriaLabel(getTranslation("patients.search"));
        search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        PageHeader.mainAction(newPatient, getTranslation("patients.new"), VaadinIcon.PLUS, e -> openForm());
        newPatient.setVisible(currentUser.require().recordsCare());

        H2 title = new H2(getTranslation("patients.title"));
        HorizontalLayout toolbar = PageHeader.withActions(title, search, newPatient);
        toolbar.setWrap(true);

        grid.addColumn(PatientRow::fullName).setHeader(getTranslation("patients.col.name")).setFlexGrow(2).setKey("name");
        grid.addColumn(r -> Formats.date(r.dateOfBirth())).setHeader(getTranslation("patients.col.dob"));
        grid.addComponentColumn(r -> r.openEpisodeId() == null ? new Span("—")
                : badge(getTranslation("patients.openSince", Formats.date(r.openEpisodeStart())), "success"))
                .setHeader(getTranslation("patients.col.episode"));
        grid.addColumn(r -> Formats.date(r.lastVisit())).setHeader(getTranslation("patients.col.lastVisit"));
        grid.addColumn(r -> Formats.date(r.nextFollowUpDue())).setHeader(getTranslation("patients.col.nextFollowUp"));
        // a real button per row, so the list works with Tab and Enter as well as with a tap
        grid.addComponentColumn(r -> {
            Button open = new Button(VaadinIcon.ARROW_RIGHT.create(), e -> open(r));
            open.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            open.setAriaLabel(getTranslation("patients.open", r.firstName() + " " + r.lastName()));
            return open;
        }).setAutoWidth(true).setFlexGrow(0); // a fixed 4rem cut the button and showed an ellipsis beside the arrow
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setItems(query -> patients.search(search.getValue(), query.getOffset(), query.getLimit()).stream(),
                query -> patients.countMatching(search.getValue()));
        grid.addItemClickListener(e -> open(e.getItem()));
        grid.setEmptyStateText(getTranslation("patients.empty"));
        grid.setSizeFull();

        add(toolbar, grid);
    }

    private void open(PatientRow row) {
        pages.openPatient(row.id());
    }

    private static Span badge(String text, String tone) {
        Span badge = new Span(text);
        badge.addClassNames("pill", "pill-" + tone);
        return badge;
    }

    void openForm() {
        form = new PatientForm(clock);
        dialog = new Dialog(form);
        dialog.setHeaderTitle(getTranslation("patients.new"));
        dialog.setWidth("min(40rem, 95vw)");
        form.addCloseListener(e -> dialog.close());
        form.addSaveListener(e -> {
            form.errors.save(getTranslation("save.what.patient"), () -> patients.create(e.command())).ifPresent(saved -> {
                dialog.close();
                Notices.saved(getTranslation("patients.created", saved.fullName()), 4000);
                pages.openPatient(saved.id());
            });
        });
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.patients"));
    }
}
