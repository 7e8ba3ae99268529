package io.backstory.patients;

import io.backstory.analytics.Sex;

import io.backstory.base.RecordNotFoundException;
import io.backstory.security.AuditLog;
import io.backstory.security.BackstoryUser;
import io.backstory.security.CurrentUser;
import io.backstory.security.Role;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Patients of the signed-in user's clinic. Every method scopes by the user's clinic, so an id of
 * another clinic's patient behaves exactly like an id that does not exist; every read and write
 * of patient data leaves an audit row.
 */
@Service
public class PatientService {

    private final PatientRepository patients;
    private final CurrentUser currentUser;
    private final AuditLog auditLog;
    private final Clock clock;

    PatientService(PatientRepository patients, CurrentUser currentUser, AuditLog auditLog, Clock clock) {
        this.patients = patients;
        this.currentUser = currentUser;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional
    public PatientSummary get(long patientId) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.OWNER, Role.ADMIN);
        Patient patient = patients.findByIdAndClinicId(patientId, user.clinicId())
                .orElseThrow(() -> new RecordNotFoundException("Patient", patientId));
        auditLog.record(AuditLog.Action.READ, "patient", patientId);
        return patient.toSummary();
    }

    @Transactional
    public PatientSummary create(PatientCommand command) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.ADMIN);
        validate(command);
        Patient patient = new Patient(user.clinicId());
        patient.apply(command);
        Patient saved = patients.saveAndFlush(patient);
        auditLog.record(AuditLog.Action.CREATE, "patient", saved.getId());
        return saved.toSummary();
    }

    @Transactional(readOnly = true)
    public long count() {
        return patients.countByClinicId(currentUser.clinicId());
    }

    void validate(PatientCommand c) {
        List<String> problems = new ArrayList<>();
        if (c.firstName() == null || c.firstName().isBlank() || c.firstName().length() > 80) {
            problems.add("First name: required, at most 80 characters");
        }
        if (c.lastName() == null || c.lastName().isBlank() || c.lastName().length() > 80) {
            problems.add("Last name: required, at most 80 characters");
        }
        LocalDate today = LocalDate.now(clock);
        if (c.dateOfBirth() == null || c.dateOfBirth().isAfter(today) || c.dateOfBirth().isBefore(today.minusYears(120))) {
            problems.add("Date of birth: required, not in the future and at most 120 years ago");
        }
        if (c.sex() == null) {
            problems.add("Sex: required");
        }
        if (c.email() != null && !c.email().isBlank() && !c.email().strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add("Email: must look like name@example.org");
        }
        if (c.phone() != null && !c.phone().isBlank() && !c.phone().strip().matches("[+0-9 ()./-]{6,40}")) {
            problems.add("Phone: digits, spaces and + ( ) - . / only, 6 to 40 characters");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
