package io.backstory.clinic.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import java.util.function.BooleanSupplier;

/**
 * The clinic-name and new-location inputs that both the clinic page and the first-run page offer, set up in one
 * place so they read and behave alike on both. They set no browser maxlength, which would cut a pasted name
 * without a word: the service refuses a name over {@code ClinicService.NAME_MAX_LENGTH} and says how long it was.
 */
final class ClinicInputs {

    private ClinicInputs() {
    }

    static void clinicName(TextField name, Button save, String width, Runnable saveIt) {
        name.setLabel(name.getTranslation("clinic.name"));
        name.setWidth(width);
        save.setText(save.getTranslation("clinic.name.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> saveIt.run());
    }

    /** Enter in the field adds too; the field is emptied once the location was added, and kept when refused. */
    static void newLocation(TextField name, Button add, String width, BooleanSupplier addIt) {
        name.setLabel(name.getTranslation("clinic.location.new"));
        name.setWidth(width);
        add.setText(add.getTranslation("clinic.location.add"));
        add.setIcon(VaadinIcon.PLUS.create());
        add.addClickShortcut(Key.ENTER).listenOn(name);
        add.addClickListener(e -> {
            if (addIt.getAsBoolean()) {
                name.clear();
            }
        });
    }
}
