package io.backstory.care;

import io.backstory.clinic.ClinicSummary.LocationSummary;
import io.backstory.patients.EpisodeSummary;
import io.backstory.patients.PatientSummary;
import io.backstory.security.UserSummary;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything the patient page shows, read in one transaction ({@link EpisodeCareService#patientPage}), as
 * {@link EpisodePage} is for the episode page: the page renders from this record and calls no service while it draws.
 *
 * @param language   the language of the patient's messages; {@code null}: none recorded, the clinic's default applies
 * @param episodes   newest first
 * @param canWrite   whether the user may change the patient and open an episode (a therapist or an admin; owners read)
 * @param therapists the intake's therapist choices; empty unless the intake shows ({@link #intake})
 * @param locations  the intake's open locations; empty unless the intake shows
 */
public record PatientPage(PatientSummary patient, @Nullable String language, List<EpisodeSummary> episodes,
                          boolean canWrite, List<UserSummary> therapists, List<LocationSummary> locations) {

    /** The intake of a new episode shows when the user may write and no episode is open. */
    public boolean intake() {
        return canWrite && episodes.stream().noneMatch(EpisodeSummary::open);
    }
}
