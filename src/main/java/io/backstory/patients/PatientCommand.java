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

    /** The languages check-in messages are written in (a bundle per language under vaadin-i18n). */
    public static final java.util.List<String> LANGUAGES = java.util.List.of("en", "es");

    /** A patient without a recorded language. */
    public PatientCommand(String firstName, String lastName, LocalDate dateOfBirth, Sex sex, @Nullable String phone,
                          @Nullable String email, boolean consentToFollowUp) {
        this(firstName, lastName, dateOfBirth, sex, phone, email, consentToFollowUp, null);
    }
}
