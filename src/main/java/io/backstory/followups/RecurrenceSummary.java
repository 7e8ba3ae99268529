package io.backstory.followups;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

public record RecurrenceSummary(long id, long episodeId, LocalDate onsetDate, @Nullable Integer intensity,
                                @Nullable Boolean lasted24h, @Nullable Boolean activityLimiting, boolean careSought,
                                Source source) {

    /** How the recurrence became known: reported at a check-in, or the patient came back for care. */
    public enum Source { FOLLOW_UP, NEW_EPISODE }
}
