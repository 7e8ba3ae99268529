package io.backstory.patients;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whose an episode is, for the modules that keep records per episode and must reach its patient: the follow-ups
 * worklist and check-in messages (name, phone, email, consent, language). Answered from this module's tables in one
 * query for many episodes, so a caller's page or batch costs one round trip, not one per row (docs/style.md rule 9).
 * Every query is scoped by the clinic: an episode of another clinic is simply not found. No audit row here: the
 * caller records what it shows.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class EpisodePatients {

    /**
     * An episode's patient as the follow-ups module needs them.
     *
     * @param language the patient's language for messages (issue 16), null when they have none
     * @param dischargeDate null while the episode is open
     */
    public record EpisodePatient(long episodeId, long patientId, String firstName, String lastName, @Nullable String phone,
                                 @Nullable String email, boolean consentFollowUp, @Nullable String language,
                                 @Nullable LocalDate dischargeDate) {
    }

    private final JdbcClient jdbc;

    /** The patient of each of {@code episodeIds} (of {@code clinicId}); unknown episodes are left out. */
    public Map<Long, EpisodePatient> ofEpisodes(long clinicId, Collection<Long> episodeIds) {
        Map<Long, EpisodePatient> out = new HashMap<>(episodeIds.size() * 2);
        if (episodeIds.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                        select e.id, p.id, p.first_name, p.last_name, p.phone, p.email, p.consent_follow_up, p.language,
                               e.discharge_date
                        from episode e
                        join patient p on p.id = e.patient_id and p.clinic_id = e.clinic_id
                        where e.clinic_id = :clinic and e.id in (:episodes)""")
                .param("clinic", clinicId).param("episodes", episodeIds)
                .query(rs -> {
                    out.put(rs.getLong(1), new EpisodePatient(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getString(8),
                            rs.getObject(9, LocalDate.class)));
                });
        return out;
    }

    /** The ids of all the patient's episodes (of {@code clinicId}). */
    public List<Long> episodeIdsOf(long clinicId, long patientId) {
        return jdbc.sql("select id from episode where clinic_id = ? and patient_id = ? order by id")
                .params(clinicId, patientId).query(Long.class).list();
    }
}
