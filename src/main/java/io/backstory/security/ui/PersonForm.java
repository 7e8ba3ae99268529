package io.backstory.security.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import io.backstory.base.ui.ErrorSummary;
import io.backstory.security.Role;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A person's details: username (only when adding), display name, optional email and roles. Fires a
 * SaveEvent with what was typed; the view calls the service and shows its problems here, keeping the input.
 */
class PersonForm extends FormLayout {

    final TextField username = new TextField();
    final TextField displayName = new TextField();
    final EmailField email = new EmailField();
    final CheckboxGroup<Role> roles = new CheckboxGroup<>();
    final Button save = new Button();
    final Button cancel = new Button();
    final ErrorSummary errors = new ErrorSummary();

    PersonForm(boolean adding, String saveLabel) {
        addClassName("person-form");
        username.setLabel(getTranslation("people.username"));
        username.setHelperText(getTranslation("people.username.help"));
        username.setRequiredIndicatorVisible(true);
        username.setVisible(adding);
        displayName.setLabel(getTranslation("people.displayName"));
        displayName.setHelperText(getTranslation("people.displayName.help"));
        displayName.setRequiredIndicatorVisible(true);
        email.setLabel(getTranslation("people.email"));
        email.setHelperText(getTranslation("people.email.help"));
        roles.setLabel(getTranslation("people.roles"));
        roles.setItems(Role.values());
        roles.setItemLabelGenerator(r -> getTranslation("role." + r.name()));
        roles.setHelperText(getTranslation("people.roles.help"));
        roles.setRequiredIndicatorVisible(true);
        save.setText(saveLabel);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> fireEvent(new SaveEvent(this)));
        cancel.setText(getTranslation("form.cancel"));
        cancel.addClickListener(e -> fireEvent(new CloseEvent(this)));
        HorizontalLayout buttons = new HorizontalLayout(save, cancel);
        add(username, displayName, email, roles, errors, buttons);
        setColspan(roles, 2);
        setColspan(errors, 2);
        setColspan(buttons, 2);
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("32rem", 2));
    }

    void fill(String name, @Nullable String mail, Set<Role> current) {
        displayName.setValue(name);
        email.setValue(mail == null ? "" : mail);
        roles.setValue(current);
    }

    Set<Role> chosenRoles() {
        return roles.getValue().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles.getValue());
    }

    void showError(String message) {
        errors.show(getTranslation("form.problems"), message);
    }

    static final class SaveEvent extends ComponentEvent<PersonForm> {
        SaveEvent(PersonForm source) {
            super(source, false);
        }
    }

    static final class CloseEvent extends ComponentEvent<PersonForm> {
        CloseEvent(PersonForm source) {
            super(source, false);
        }
    }

    Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }
}
