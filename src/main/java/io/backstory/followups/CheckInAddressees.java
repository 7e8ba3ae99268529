package io.backstory.followups;

import io.backstory.clinic.ClinicDirectory;
import io.backstory.patients.EpisodePatients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Whom a check-in speaks to, the emails and the link's page alike: the patient of the check-in's episode, asked of
 * the patients module, the clinic's name, asked of the clinic module (docs/style.md rule 9), and the language to
 * write in. One place for the language rule (issue 16): the patient's own, else the clinic's default.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class CheckInAddressees {

    /** A row that belongs to an episode of a clinic, whose patient is asked of the patients module. */
    interface OfEpisode {
        long clinicId();

        long episodeId();
    }

    /** @param language the patient's language, else the clinic's default; null when neither has one (English) */
    record Addressee(EpisodePatients.EpisodePatient patient, String clinicName, @Nullable String language) {
    }

    private record Episode(long clinicId, long episodeId) implements OfEpisode {
    }

    private final EpisodePatients episodePatients;
    private final ClinicDirectory clinicDirectory;

    /** The addressee of one episode; empty when the patients or the clinic module does not know it. */
    Optional<Addressee> of(long clinicId, long episodeId) {
        return Optional.ofNullable(of(List.of(new Episode(clinicId, episodeId))).get(clinicId).get(episodeId));
    }

    /**
     * The addressees of the rows' episodes, by clinic and episode: one call to the patients module per clinic, one to
     * the clinic module. An episode the patients or the clinic module does not know has none.
     */
    Map<Long, Map<Long, Addressee>> of(List<? extends OfEpisode> rows) {
        Map<Long, ClinicDirectory.ClinicName> clinics = clinicDirectory.names(rows.stream().map(OfEpisode::clinicId).distinct().toList());
        Map<Long, Map<Long, Addressee>> out = new HashMap<>();
        patientsOf(episodePatients, rows).forEach((clinicId, patients) -> {
            ClinicDirectory.ClinicName clinic = clinics.get(clinicId);
            Map<Long, Addressee> ofClinic = new HashMap<>();
            if (clinic != null) {
                patients.forEach((episodeId, p) -> ofClinic.put(episodeId, new Addressee(p, clinic.name(),
                        p.language() != null ? p.language() : clinic.defaultLanguage())));
            }
            out.put(clinicId, ofClinic);
        });
        return out;
    }

    /** The patients of the rows' episodes, by clinic and episode: every lookup scoped by its clinic. */
    static Map<Long, Map<Long, EpisodePatients.EpisodePatient>> patientsOf(EpisodePatients episodePatients,
                                                                       List<? extends OfEpisode> rows) {
        Map<Long, List<Long>> episodesByClinic = new LinkedHashMap<>();
        rows.forEach(r -> episodesByClinic.computeIfAbsent(r.clinicId(), k -> new ArrayList<>()).add(r.episodeId()));
        Map<Long, Map<Long, EpisodePatients.EpisodePatient>> out = new HashMap<>();
        episodesByClinic.forEach((clinicId, episodes) -> out.put(clinicId, episodePatients.ofEpisodes(clinicId, episodes)));
        return out;
    }
}
