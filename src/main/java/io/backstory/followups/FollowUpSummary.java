package io.backstory.followups;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A scheduled post-discharge check-in. */
public record FollowUpSummary(long id, long version, long episodeId, int monthsAfter, LocalDate dueDate, FollowUpStatus status,
                              @Nullable LocalDate completedOn, @Nullable Boolean reached, @Nullable Boolean painFree) {
}
