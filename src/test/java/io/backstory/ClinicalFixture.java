package io.backstory;

import io.backstory.analytics.Chronicity;
import io.backstory.analytics.Sex;
import io.backstory.clinic.ClinicService;
import io.backstory.clinic.ClinicSummary;
import io.backstory.patients.DischargeReason;
import io.backstory.patients.EpisodeCommand;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.patients.PatientCommand;
import io.backstory.patients.PatientService;
import io.backstory.patients.PatientSummary;
import io.backstory.security.Role;
import io.backstory.security.UserAccountService;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/** Creates patients and episodes through the services, as a therapist would, for service and view tests. */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ClinicalFixture {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** The password of {@link #secondClinic()}'s person. */
    public static final String SECOND_CLINIC_PASSWORD = "quartz lantern otter meadow 41";

    private final PatientService patients;
    private final EpisodeService episodes;
    private final ClinicService clinics;
    private final UserAccountService users;
    private final Clock clock;

    /** A date {@code days} before today by the application's clock, the one due dates and the worklist use. */
    public LocalDate daysAgo(int days) {
        return LocalDate.now(clock).minusDays(days);
    }

    /**
     * A new clinic (one location, "Annex") whose one person, "Sam Second", is therapist, owner and admin at once,
     * so every view, export and API is open to them; returns their username (multi-clinic isolation tests).
     */
    public String secondClinic() {
        ClinicSummary clinic = clinics.createClinic("Second " + UUID.randomUUID(), List.of("Annex"));
        String username = "second-" + clinic.id();
        users.createFirstUsers(clinic.id(), List.of(new UserAccountService.NewUser(username, "Sam Second", SECOND_CLINIC_PASSWORD,
                Set.of(Role.THERAPIST, Role.OWNER, Role.ADMIN))));
        return username;
    }

    public PatientSummary patient() {
        return patients.create(new PatientCommand("Test", "Patient" + COUNTER.incrementAndGet() + "x",
                LocalDate.of(1975, 5, 17), Sex.F, null, null, true));
    }

    public EpisodeSummary episode(PatientSummary patient, LocalDate start, Chronicity chronicity) {
        return episodes.open(command(patient.id(), start, chronicity));
    }

    /** An episode of {@code patient} from {@code start}, discharged on {@code discharge} with its goals met. */
    public EpisodeSummary discharged(PatientSummary patient, LocalDate start, LocalDate discharge, Chronicity chronicity) {
        return episodes.discharge(episode(patient, start, chronicity).id(), discharge, DischargeReason.GOALS_MET);
    }

    public EpisodeCommand command(long patientId, LocalDate start, Chronicity chronicity) {
        long therapist = episodes.therapists().getFirst().id();
        long location = clinics.currentClinic().openLocations().getFirst().id();
        return new EpisodeCommand(patientId, therapist, location, start, chronicity, 1);
    }
}
