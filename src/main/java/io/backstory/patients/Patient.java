package io.backstory.patients;

import io.backstory.analytics.Sex;

import io.backstory.base.AbstractEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "patient")
class Patient extends AbstractEntity {

    @Column(name = "clinic_id", nullable = false)
    private long clinicId;

    @Column(name = "first_name", nullable = false, length = PatientCommand.NAME_MAX_LENGTH)
    private String firstName = "";

    @Column(name = "last_name", nullable = false, length = PatientCommand.NAME_MAX_LENGTH)
    private String lastName = "";

    @Column(name = "date_of_birth", nullable = false)
    private LocalDate dateOfBirth = LocalDate.EPOCH;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, columnDefinition = "varchar(1)")
    private Sex sex = Sex.F;

    @Column(length = PatientCommand.PHONE_MAX_LENGTH)
    private @Nullable String phone;

    @Column(length = PatientCommand.EMAIL_MAX_LENGTH)
    private @Nullable String email;

    @Column(name = "consent_follow_up", nullable = false)
    private boolean consentFollowUp;

    /** Issue 16: the language of check-in messages and page; null when none was recorded. */
    @Column(length = 16)
    private @Nullable String language;

    protected Patient() {
    }

    Patient(long clinicId) {
        this.clinicId = clinicId;
    }

    /** Takes the command's values; returns the names of the fields that changed ("firstName, dateOfBirth"), for the audit row. */
    String apply(PatientCommand c) {
        java.util.StringJoiner changed = new java.util.StringJoiner(", ");
        firstName = changed(changed, "firstName", firstName, c.firstName().strip());
        lastName = changed(changed, "lastName", lastName, c.lastName().strip());
        dateOfBirth = changed(changed, "dateOfBirth", dateOfBirth, c.dateOfBirth());
        sex = changed(changed, "sex", sex, c.sex());
        phone = changed(changed, "phone", phone, blankToNull(c.phone()));
        email = changed(changed, "email", email, blankToNull(c.email()));
        consentFollowUp = changed(changed, "consentToFollowUp", consentFollowUp, c.consentToFollowUp());
        language = changed(changed, "language", language, blankToNull(c.language()));
        return changed.toString();
    }

    private static <T> T changed(java.util.StringJoiner changed, String field, T before, T after) {
        if (!java.util.Objects.equals(before, after)) {
            changed.add(field);
        }
        return after;
    }

    @Nullable String getLanguage() {
        return language;
    }

    void changeLanguage(@Nullable String language) {
        this.language = blankToNull(language);
    }

    PatientSummary toSummary() {
        return new PatientSummary(getId(), getVersion(), firstName, lastName, dateOfBirth, sex, phone, email, consentFollowUp, language);
    }

    /** The patient opted out of follow-up messages (issue 12: from the link in a check-in email). */
    void withdrawConsent() {
        consentFollowUp = false;
    }

    long getClinicId() { return clinicId; }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
