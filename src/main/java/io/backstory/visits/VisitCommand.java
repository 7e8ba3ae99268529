package io.backstory.visits;

import java.time.LocalDate;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A visit as the therapist enters it; choosing an intervention implies its factor, which the service adds. */
public record VisitCommand(long episodeId, LocalDate visitDate, long therapistId, int minutes, @Nullable Integer nprs,
                           @Nullable String note, Set<Factor> factors, Set<Long> interventionIds) {

    public VisitCommand {
        factors = factors == null ? Set.of() : Set.copyOf(factors);
        interventionIds = interventionIds == null ? Set.of() : Set.copyOf(interventionIds);
    }
}
