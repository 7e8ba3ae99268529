package io.backstory.patients;

import io.backstory.analytics.Sex;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * What a user enters to create or edit a patient; the service validates it whatever the form did.
 *
 * @param language the patient's language for check-in messages and the check-in page (issue 16: a tag of
 *                 {@link #LANGUAGES}); null or blank: none recorded, English messages and the browser's page
 */
public record PatientCommand(String firstName, String lastName, LocalDate dateOfBirth, Sex sex,
                             @Nullable String phone, @Nullable String email, boolean consentToFollowUp,
                             @Nullable String language) {

    /** Characters in a first or last name: the patient table's columns (V1__clinical_model.sql, varchar(80)). */
    public static final int NAME_MAX_LENGTH = 80;

    /** Characters in a phone number (V1__clinical_model.sql, patient.phone varchar(40)). */
    public static final int PHONE_MAX_LENGTH = 40;

    /** Characters in an email address (V1__clinical_model.sql, patient.email varchar(120)). */
    public static final int EMAIL_MAX_LENGTH = 120;

    /** The languages check-in messages are written in (a bundle per language under vaadin-i18n). */
    public static final java.util.List<String> LANGUAGES = java.util.List.of("en", "es");

    /** A patient without a recorded language. */
    public PatientCommand(String firstName, String lastName, LocalDate dateOfBirth, Sex sex, @Nullable String phone,
                          @Nullable String email, boolean consentToFollowUp) {
        this(firstName, lastName, dateOfBirth, sex, phone, email, consentToFollowUp, null);
    }
}
