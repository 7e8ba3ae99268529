package io.backstory.patients;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A date per episode that another module owns, for the patients worklist: the module that keeps the records
 * answers from its own tables, so this module never reads them (docs/style.md rule 9). Implemented by a bean in
 * the owning module (visits: last visit; follow-ups: next check-in due).
 */
public interface EpisodeDates {

    /** Which worklist column the dates fill, and how one patient's episodes combine into it. */
    enum Kind {
        /** The latest date over the patient's episodes. */
        LAST_VISIT,
        /** The earliest date over the patient's episodes. */
        NEXT_FOLLOW_UP_DUE
    }

    /**
     * This module's dates for {@code episodeIds} (of {@code clinicId}), by the column they fill: the date of each episode
     * that has one, episodes without left out. Columns it does not own are left out, as {@code OverviewCounter}'s counts.
     */
    Map<Kind, Map<Long, LocalDate>> forEpisodes(long clinicId, Collection<Long> episodeIds);

    /**
     * The answer of {@link #forEpisodes} from an implementation's own query, whose rows are (episode id, date): each
     * owner writes only its SQL, and every one reads its rows the same way.
     */
    static Map<Long, LocalDate> byEpisode(JdbcClient.StatementSpec query) {
        Map<Long, LocalDate> dates = new HashMap<>();
        query.query(rs -> {
            dates.put(rs.getLong(1), rs.getObject(2, LocalDate.class));
        });
        return dates;
    }
}
