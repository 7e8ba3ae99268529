package io.backstory.patients;

import io.backstory.analytics.Sex;

import java.time.LocalDate;
import java.time.Period;
import org.jspecify.annotations.Nullable;

/** @param language the language of the patient's messages (a tag of {@link PatientCommand#LANGUAGES}); null: none recorded */
public record PatientSummary(long id, long version, String firstName, String lastName, LocalDate dateOfBirth, Sex sex,
                             @Nullable String phone, @Nullable String email, boolean consentToFollowUp,
                             @Nullable String language) {

    public String fullName() {
        return firstName + " " + lastName;
    }

    public int ageOn(LocalDate date) {
        return Period.between(dateOfBirth, date).getYears();
    }
}
