package io.backstory.patients;

import io.backstory.analytics.Chronicity;
import io.backstory.analytics.Sex;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** An episode of care as views and other modules see it, with the names they display. */
public record EpisodeSummary(long id, long version, long patientId, String patientName, LocalDate patientDateOfBirth,
                             Sex patientSex, long therapistId, String therapistName, long locationId,
                             String locationName, LocalDate startDate, @Nullable LocalDate dischargeDate,
                             @Nullable DischargeReason dischargeReason, Chronicity chronicity, int priorEpisodes) {

    public boolean open() {
        return dischargeDate == null;
    }
}
