package io.backstory.clinic.ui;

import io.backstory.base.UserFacingException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.backstory.base.ui.ErrorSummary;
import io.backstory.base.ui.Notices;
import io.backstory.clinic.ClinicService;
import io.backstory.clinic.ClinicSettings;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The clinical definitions of DESIGN §2, each explained in plain words: what counts as a recurrence,
 * when check-ins are due, when a plan counts as isolated, how far the report looks. Saving asks first,
 * because the reports change; every change is audited with its old and new value.
 */
@Route("settings")
@Menu(order = 22, icon = "COG", title = "nav.settings")
@RolesAllowed({"OWNER", "ADMIN"})
public class ClinicSettingsView extends VerticalLayout implements HasDynamicTitle {

    private final ClinicService clinics;
    final IntegerField painFreeDays = new IntegerField();
    final IntegerField minIntensity = new IntegerField();
    final IntegerField minHours = new IntegerField();
    final TextField followUpMonths = new TextField();
    final IntegerField isolatedMax = new IntegerField();
    final IntegerField horizonDays = new IntegerField();
    final Button save = new Button();
    final ErrorSummary errors = new ErrorSummary();
    private ClinicSettings current;

    public ClinicSettingsView(ClinicService clinics) {
        this.clinics = clinics;
        addClassName("settings-view");
        current = clinics.currentSettings();

        Div warning = new Div(VaadinIcon.WARNING.create(), new Span(getTranslation("settings.warning")));
        warning.addClassNames("callout", "callout-recurrence");

        number(painFreeDays, "settings.painFreeDays", 1, 365);
        number(minIntensity, "settings.minIntensity", 1, 10);
        number(minHours, "settings.minHours", 1, 720);
        followUpMonths.setLabel(getTranslation("settings.followUpMonths"));
        followUpMonths.setHelperText(getTranslation("settings.followUpMonths.help"));
        followUpMonths.setWidth("16rem");
        number(isolatedMax, "settings.isolatedMax", 0, 4);
        number(horizonDays, "settings.horizonDays", 30, 1825);

        Div recurrence = section("settings.recurrence.title", "settings.recurrence.text", painFreeDays, minIntensity, minHours);
        Div schedule = section("settings.schedule.title", "settings.schedule.text", followUpMonths);
        Div breadth = section("settings.breadth.title", "settings.breadth.text", isolatedMax);
        Div horizon = section("settings.horizon.title", "settings.horizon.text", horizonDays);

        save.setText(getTranslation("settings.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> confirmAndSave());
        Button defaults = new Button(getTranslation("settings.defaults"), e -> show(ClinicSettings.defaults(current.clinicId())));
        defaults.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        add(new H2(getTranslation("settings.title")), warning, recurrence, schedule, breadth, horizon, errors, new Div(save, defaults));
        show(current);
    }

    private void number(IntegerField field, String key, int min, int max) {
        field.setLabel(getTranslation(key));
        field.setHelperText(getTranslation(key + ".help", min, max));
        field.setMin(min);
        field.setMax(max);
        field.setStepButtonsVisible(true);
        field.setWidth("16rem");
    }

    private Div section(String titleKey, String textKey, com.vaadin.flow.component.Component... fields) {
        Paragraph text = new Paragraph(getTranslation(textKey));
        text.addClassName("muted");
        Div row = new Div(fields);
        row.addClassName("settings-fields");
        Div panel = new Div(new H3(getTranslation(titleKey)), text, row);
        panel.addClassName("panel");
        return panel;
    }

    void show(ClinicSettings s) {
        painFreeDays.setValue(s.painFreeDays());
        minIntensity.setValue(s.minIntensity());
        minHours.setValue(s.minDurationHours());
        followUpMonths.setValue(s.followUpMonths().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        isolatedMax.setValue(s.isolatedMaxBreadth());
        horizonDays.setValue(s.horizonDays());
    }

    /** The settings as typed; every rule broken is reported at once, naming its field. */
    ClinicSettings typed() {
        List<Integer> months = ClinicSettings.parseSchedule(followUpMonths.getValue());
        return new ClinicSettings(current.clinicId(), value(painFreeDays), value(minIntensity), value(minHours), months,
                value(isolatedMax), value(horizonDays));
    }

    private static int value(IntegerField field) {
        // an empty or unparseable field is out of every range, so the settings rules name it
        return field.getValue() == null ? Integer.MIN_VALUE : field.getValue();
    }

    void confirmAndSave() {
        errors.clear();
        ClinicSettings changed;
        try {
            changed = typed();
        } catch (IllegalArgumentException problem) {
            errors.show(getTranslation("form.problems"), UserFacingException.localized(problem, getLocale()));
            return;
        }
        if (changed.equals(current)) {
            Notification.show(getTranslation("settings.unchanged"), 3000, Notification.Position.BOTTOM_START);
            return;
        }
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("settings.confirm.title"), getTranslation("settings.confirm.text"),
                getTranslation("settings.save"), ok -> save(changed));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("form.cancel"));
        confirm.open();
    }

    void save(ClinicSettings changed) {
        errors.save(getTranslation("save.what.settings"), () -> clinics.updateSettings(changed)).ifPresent(saved -> {
            current = saved;
            show(current);
            Notices.saved(getTranslation("settings.saved"), 4000);
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.clinicSettings"));
    }
}
