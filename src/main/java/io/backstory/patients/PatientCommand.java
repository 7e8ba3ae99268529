package io.backstory.patients;

import io.backstory.analytics.Sex;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** What a user enters to create or edit a patient; the service validates it whatever the form did. */
public record PatientCommand(String firstName, String lastName, LocalDate dateOfBirth, Sex sex,
                             @Nullable String phone, @Nullable String email, boolean consentToFollowUp) {
}
