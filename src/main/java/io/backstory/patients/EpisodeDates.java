package io.backstory.patients;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

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

    Kind kind();

    /** The date of each of {@code episodeIds} (of {@code clinicId}) that has one; episodes without are left out. */
    Map<Long, LocalDate> forEpisodes(long clinicId, Collection<Long> episodeIds);
}
