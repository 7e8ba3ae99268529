package io.backstory.base.ui;

/**
 * Opens the form that corrects a patient's details (names, date of birth, contact) from a view of any module: the
 * form and its rules live in the patients module, the patient page that offers "Edit details" in the care module,
 * which may not use another module's views (ArchitectureTest). Implemented by {@code patients.ui.PatientDetailsDialog}.
 */
public interface PatientDetailsEditor {

    /** Opens the form filled with the patient as saved now; {@code onSaved} runs after a successful save. */
    void edit(long patientId, Runnable onSaved);
}
