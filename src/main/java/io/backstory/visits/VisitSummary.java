package io.backstory.visits;

import java.time.LocalDate;
import java.util.Set;
import org.jspecify.annotations.Nullable;

public record VisitSummary(long id, long version, long episodeId, LocalDate visitDate, long therapistId,
                           String therapistName, int minutes, @Nullable Integer nprs, @Nullable String note,
                           Set<Factor> factors, Set<Long> interventionIds) {
}
