package io.backstory;

import io.backstory.analytics.Chronicity;
import io.backstory.analytics.Sex;
import io.backstory.clinic.ClinicService;
import io.backstory.patients.EpisodeCommand;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.patients.PatientCommand;
import io.backstory.patients.PatientService;
import io.backstory.patients.PatientSummary;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Creates patients and episodes through the services, as a therapist would, for service and view tests. */
@Component
public class ClinicalFixture {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final PatientService patients;
    private final EpisodeService episodes;
    private final ClinicService clinics;

    ClinicalFixture(PatientService patients, EpisodeService episodes, ClinicService clinics) {
        this.patients = patients;
        this.episodes = episodes;
        this.clinics = clinics;
    }

    public PatientSummary patient() {
        return patients.create(new PatientCommand("Test", "Patient" + COUNTER.incrementAndGet() + "x",
                LocalDate.of(1975, 5, 17), Sex.F, null, null, true));
    }

    public EpisodeSummary episode(PatientSummary patient, LocalDate start, Chronicity chronicity) {
        return episodes.open(command(patient.id(), start, chronicity));
    }

    public EpisodeCommand command(long patientId, LocalDate start, Chronicity chronicity) {
        long therapist = episodes.therapists().getFirst().id();
        long location = clinics.currentClinic().openLocations().getFirst().id();
        return new EpisodeCommand(patientId, therapist, location, start, chronicity, 1);
    }
}
