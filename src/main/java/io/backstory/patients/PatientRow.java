package io.backstory.patients;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** One line of the patients worklist. */
public record PatientRow(long id, String firstName, String lastName, LocalDate dateOfBirth,
                         @Nullable Long openEpisodeId, @Nullable LocalDate openEpisodeStart,
                         @Nullable LocalDate lastVisit, @Nullable LocalDate nextFollowUpDue) {

    public String fullName() {
        return lastName + ", " + firstName;
    }
}
