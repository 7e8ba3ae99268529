package io.backstory.followups;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A scheduled post-discharge check-in; {@code status} is PENDING, COMPLETED or MISSED. */
public record FollowUpSummary(long id, long version, long episodeId, int monthsAfter, LocalDate dueDate, String status,
                              @Nullable LocalDate completedOn, @Nullable Boolean reached, @Nullable Boolean painFree) {
}
