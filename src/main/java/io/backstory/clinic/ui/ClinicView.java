package io.backstory.clinic.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.backstory.base.ui.ErrorSummary;
import io.backstory.base.ui.Notices;
import io.backstory.clinic.ClinicService;
import io.backstory.clinic.ClinicSummary;
import io.backstory.clinic.ClinicSummary.LocationSummary;
import jakarta.annotation.security.RolesAllowed;
import java.util.function.Supplier;

/**
 * The clinic's name and its locations (DESIGN §8): add, rename, archive. An archived location keeps
 * its episodes and its place in the reports but offers no new episodes; it can be restored.
 */
@Route("clinic")
@Menu(order = 21, icon = "BUILDING", title = "nav.clinic")
@RolesAllowed("ADMIN")
public class ClinicView extends VerticalLayout implements HasDynamicTitle {

    private final ClinicService clinics;
    final TextField clinicName = new TextField();
    final Button saveName = new Button();
    final ErrorSummary nameErrors = new ErrorSummary();
    final TextField newLocation = new TextField();
    final Button addLocation = new Button();
    final ErrorSummary locationErrors = new ErrorSummary();
    final Grid<LocationSummary> locations = new Grid<>();

    public ClinicView(ClinicService clinics) {
        this.clinics = clinics;
        addClassName("clinic-view");
        ClinicSummary clinic = clinics.currentClinic();

        ClinicInputs.clinicName(clinicName, saveName, "min(28rem, 100%)",
                () -> run(nameErrors, () -> clinics.renameClinic(clinicName.getValue()), "clinic.name.saved"));
        clinicName.setHelperText(getTranslation("clinic.name.help"));
        clinicName.setValue(clinic.name());
        HorizontalLayout nameRow = new HorizontalLayout(clinicName, saveName);
        nameRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        nameRow.setWrap(true);
        // Issue 16: messages to patients without a language of their own use the clinic's.
        com.vaadin.flow.component.select.Select<String> language = new com.vaadin.flow.component.select.Select<>();
        language.setLabel(getTranslation("clinic.language"));
        language.setHelperText(getTranslation("clinic.language.help"));
        language.setItems(java.util.stream.Stream.concat(java.util.stream.Stream.of(""), ClinicService.LANGUAGES.stream()).toList());
        language.setItemLabelGenerator(tag -> getTranslation(tag.isEmpty() ? "clinic.language.none" : "language." + tag));
        language.setValue(clinics.defaultLanguage().orElse(""));
        language.addClassName("clinic-language");
        language.addValueChangeListener(e -> {
            if (e.isFromClient() && nameErrors.run(getTranslation("save.what.clinic"), () -> clinics.changeDefaultLanguage(e.getValue()))) {
                Notices.saved(getTranslation("clinic.language.saved"), 3000);
            }
        });
        Div namePanel = new Div(new H3(getTranslation("clinic.name.title")), nameRow, language, nameErrors);
        namePanel.addClassName("panel");

        ClinicInputs.newLocation(newLocation, addLocation, "min(28rem, 100%)",
                () -> run(locationErrors, () -> clinics.addLocation(newLocation.getValue()), "clinic.location.added"));
        HorizontalLayout addRow = new HorizontalLayout(newLocation, addLocation);
        addRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        addRow.setWrap(true);

        locations.addColumn(LocationSummary::name).setHeader(getTranslation("clinic.location.col.name")).setFlexGrow(2);
        locations.addComponentColumn(l -> {
            Span pill = new Span(getTranslation(l.archived() ? "clinic.location.archived" : "clinic.location.open"));
            pill.addClassNames("pill", l.archived() ? "pill-contrast" : "pill-success");
            return pill;
        }).setHeader(getTranslation("clinic.location.col.status")).setAutoWidth(true).setFlexGrow(0);
        locations.addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(0);
        locations.setAllRowsVisible(true);
        locations.addThemeVariants(GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_ROW_STRIPES);
        Paragraph about = new Paragraph(getTranslation("clinic.location.about"));
        about.addClassName("muted");
        Div locationPanel = new Div(new H3(getTranslation("clinic.location.title")), about, locations, addRow, locationErrors);
        locationPanel.addClassName("panel");

        add(new H2(getTranslation("clinic.title")), namePanel, locationPanel);
        locations.setItems(clinic.locations());
    }

    private HorizontalLayout actions(LocationSummary location) {
        Button rename = new Button(getTranslation("clinic.location.rename"), e -> openRename(location));
        rename.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Button toggle;
        if (location.archived()) {
            toggle = new Button(getTranslation("clinic.location.restore"),
                    e -> run(locationErrors, () -> clinics.restoreLocation(location.id()), "clinic.location.restored"));
        } else {
            toggle = new Button(getTranslation("clinic.location.archive"), e -> {
                ConfirmDialog confirm = new ConfirmDialog(getTranslation("clinic.location.archive"),
                        getTranslation("clinic.location.archive.text", location.name()), getTranslation("clinic.location.archive"),
                        ok -> run(locationErrors, () -> clinics.archiveLocation(location.id()), "clinic.location.archivedDone"));
                confirm.setCancelable(true);
                confirm.setCancelText(getTranslation("form.cancel"));
                confirm.open();
            });
        }
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return new HorizontalLayout(rename, toggle);
    }

    void openRename(LocationSummary location) {
        TextField name = new TextField(getTranslation("clinic.location.col.name"));
        name.setValue(location.name());
        name.setWidthFull();
        ErrorSummary errors = new ErrorSummary();
        Dialog dialog = new Dialog(name, errors);
        dialog.setHeaderTitle(getTranslation("clinic.location.rename.title", location.name()));
        Button save = new Button(getTranslation("clinic.location.rename"), e -> {
            if (run(errors, () -> clinics.renameLocation(location.id(), name.getValue()), "clinic.location.renamed")) {
                dialog.close();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        dialog.getFooter().add(new Button(getTranslation("form.cancel"), e -> dialog.close()), save);
        dialog.setWidth("min(30rem, 95vw)");
        dialog.open();
        name.focus();
    }

    /** Runs a change, shows the refreshed clinic, or the service's problem (keeping what was typed). */
    private boolean run(ErrorSummary errors, Supplier<ClinicSummary> change, String doneKey) {
        return errors.save(getTranslation("save.what.clinic"), change).map(clinic -> {
            locations.setItems(clinic.locations());
            Notices.saved(getTranslation(doneKey), 3000);
            return true;
        }).orElse(false);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.clinic"));
    }
}
