package io.backstory.patients.ui;

import com.vaadin.flow.component.dialog.Dialog;
import io.backstory.base.ui.Notices;
import io.backstory.base.ui.PatientDetailsEditor;
import io.backstory.patients.PatientService;
import io.backstory.patients.PatientSummary;
import java.time.Clock;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * Corrects a patient's details in the new-patient form, filled from the patient as saved now: the version read here
 * is the one the save expects, so a colleague's change in between is reported, not overwritten. Problems show above
 * the buttons and every field keeps what the user typed.
 */
@Component
@RequiredArgsConstructor
class PatientDetailsDialog implements PatientDetailsEditor {

    private final PatientService patients;
    private final Clock clock;

    @Override
    public void edit(long patientId, Runnable onSaved) {
        PatientSummary current = patients.get(patientId);
        PatientForm form = new PatientForm(clock);
        form.edit(current);
        Dialog dialog = new Dialog(form);
        dialog.addClassName("patient-edit-dialog");
        dialog.setHeaderTitle(form.getTranslation("patient.edit.title", current.fullName()));
        dialog.setWidth("min(40rem, 95vw)");
        form.addCloseListener(e -> dialog.close());
        form.addSaveListener(e -> form.errors.save(form.getTranslation("save.what.patient.details"),
                () -> patients.update(patientId, current.version(), e.command())).ifPresent(saved -> {
            dialog.close();
            Notices.saved(form.getTranslation("patient.edit.saved", saved.fullName()), 4000);
            onSaved.run();
        }));
        dialog.open();
    }
}
