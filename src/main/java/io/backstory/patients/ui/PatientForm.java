package io.backstory.patients.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.validator.EmailValidator;
import com.vaadin.flow.data.validator.StringLengthValidator;
import com.vaadin.flow.shared.Registration;
import io.backstory.analytics.Sex;
import io.backstory.base.ui.CommandEvent;
import io.backstory.base.ui.ErrorSummary;
import io.backstory.base.ui.Formats;
import io.backstory.patients.PatientCommand;
import io.backstory.patients.PatientSummary;
import java.time.Clock;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * The patient form, for a new patient and for correcting an existing one's details ({@link #edit}): validates as the
 * user types and fires a SaveEvent with a command; it never calls a service.
 */
public class PatientForm extends FormLayout {

    /** The mutable twin of {@link PatientCommand} the Binder edits. */
    static final class Draft {
        String firstName = "";
        String lastName = "";
        @Nullable LocalDate dateOfBirth;
        @Nullable Sex sex;
        String phone = "";
        String email = "";
        boolean consent = true;
        String language = "";

        PatientCommand toCommand() {
            return new PatientCommand(firstName, lastName, dateOfBirth, sex, phone, email, consent, language);
        }
    }

    final TextField firstName = new TextField();
    final TextField lastName = new TextField();
    final DatePicker dateOfBirth = new DatePicker();
    final RadioButtonGroup<Sex> sex = new RadioButtonGroup<>();
    final TextField phone = new TextField();
    final EmailField email = new EmailField();
    final Checkbox consent = new Checkbox();
    final Select<String> language = new Select<>();
    final Button save = new Button();
    final Button cancel = new Button();
    final ErrorSummary errors = new ErrorSummary();
    private final Binder<Draft> binder = new Binder<>();
    private final Draft draft = new Draft();

    public PatientForm(Clock clock) {
        addClassName("patient-form");
        firstName.setLabel(getTranslation("patient.firstName"));
        lastName.setLabel(getTranslation("patient.lastName"));
        dateOfBirth.setLabel(getTranslation("patient.dateOfBirth"));
        dateOfBirth.setMax(LocalDate.now(clock));
        Formats.iso(dateOfBirth);
        sex.setLabel(getTranslation("patient.sex"));
        sex.setItems(Sex.values());
        sex.setItemLabelGenerator(s -> getTranslation("sex." + s.name()));
        phone.setLabel(getTranslation("patient.phone"));
        email.setLabel(getTranslation("patient.email"));
        consent.setLabel(getTranslation("patient.consent"));
        // Issue 16: check-in emails and the check-in page speak the patient's language; empty: none recorded.
        language.setLabel(getTranslation("patient.language"));
        language.setItems(java.util.stream.Stream.concat(java.util.stream.Stream.of(""), PatientCommand.LANGUAGES.stream()).toList());
        language.setItemLabelGenerator(tag -> getTranslation(tag.isEmpty() ? "patient.language.none" : "language." + tag));
        language.setHelperText(getTranslation("patient.language.help"));
        firstName.setAutofocus(true);

        binder.forField(firstName).asRequired(getTranslation("patient.firstName.required"))
                .withValidator(new StringLengthValidator(getTranslation("patient.name.length"), 1, PatientCommand.NAME_MAX_LENGTH))
                .bind(d -> d.firstName, (d, v) -> d.firstName = v);
        binder.forField(lastName).asRequired(getTranslation("patient.lastName.required"))
                .withValidator(new StringLengthValidator(getTranslation("patient.name.length"), 1, PatientCommand.NAME_MAX_LENGTH))
                .bind(d -> d.lastName, (d, v) -> d.lastName = v);
        binder.forField(dateOfBirth).asRequired(getTranslation("patient.dateOfBirth.required"))
                .withValidator(d -> !d.isAfter(LocalDate.now(clock)), getTranslation("patient.dateOfBirth.future"))
                .bind(d -> d.dateOfBirth, (d, v) -> d.dateOfBirth = v);
        binder.forField(sex).asRequired(getTranslation("patient.sex.required")).bind(d -> d.sex, (d, v) -> d.sex = v);
        binder.forField(phone).bind(d -> d.phone, (d, v) -> d.phone = v);
        binder.forField(email).withValidator(new EmailValidator(getTranslation("patient.email.invalid"), true))
                .withValidator(v -> v == null || v.strip().length() <= PatientCommand.EMAIL_MAX_LENGTH,
                        getTranslation("error.patient.email.length", PatientCommand.EMAIL_MAX_LENGTH))
                .bind(d -> d.email, (d, v) -> d.email = v);
        binder.forField(consent).bind(d -> d.consent, (d, v) -> d.consent = v);
        binder.forField(language).bind(d -> d.language, (d, v) -> d.language = v == null ? "" : v);
        binder.setBean(draft);

        save.setText(getTranslation("patient.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        save.addClickListener(e -> validateAndSave());
        cancel.setText(getTranslation("action.cancel"));
        cancel.addClickListener(e -> fireEvent(new CloseEvent(this)));

        HorizontalLayout buttons = new HorizontalLayout(save, cancel);
        add(firstName, lastName, dateOfBirth, sex, phone, email, language, consent);
        setColspan(consent, 2);
        add(errors, buttons);
        setColspan(errors, 2);
        setColspan(buttons, 2);
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("500px", 2));
    }

    /**
     * Fills the form with a saved patient's details to correct them; the save button then says "Save changes". The
     * Binder edits the same draft, so every rule of a new patient applies to the correction.
     */
    public void edit(PatientSummary patient) {
        draft.firstName = patient.firstName();
        draft.lastName = patient.lastName();
        draft.dateOfBirth = patient.dateOfBirth();
        draft.sex = patient.sex();
        draft.phone = patient.phone() == null ? "" : patient.phone();
        draft.email = patient.email() == null ? "" : patient.email();
        draft.consent = patient.consentToFollowUp();
        draft.language = patient.language() == null ? "" : patient.language();
        binder.refreshFields();
        save.setText(getTranslation("patient.edit.save"));
    }

    private void validateAndSave() {
        if (binder.validate().isOk()) {
            errors.clear();
            fireEvent(new SaveEvent(this, draft.toCommand()));
        }
    }

    /** Shows a problem the service found; every field keeps what the user typed. */
    public void showError(String message) {
        errors.show(getTranslation("form.problems"), message);
    }

    public static final class SaveEvent extends CommandEvent<PatientForm, PatientCommand> {
        SaveEvent(PatientForm source, PatientCommand command) {
            super(source, command);
        }
    }

    public static final class CloseEvent extends ComponentEvent<PatientForm> {
        CloseEvent(PatientForm source) {
            super(source, false);
        }
    }

    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    public Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }
}
