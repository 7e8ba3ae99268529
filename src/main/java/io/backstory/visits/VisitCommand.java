package io.backstory.visits;

import java.time.LocalDate;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A visit as the therapist enters it; choosing an intervention implies its factor, which the service adds. */
public record VisitCommand(long episodeId, LocalDate visitDate, long therapistId, int minutes, @Nullable Integer nprs,
                           @Nullable String note, Set<Factor> factors, Set<Long> interventionIds) {

    /**
     * Minutes a visit may last: from a short review to a double session. The database's check on
     * {@code visit.minutes} ({@code V1__clinical_model.sql}) is the same range; {@code LimitsMatchTheSchemaTest} checks it.
     */
    public static final int MIN_MINUTES = 5;
    public static final int MAX_MINUTES = 240;

    public VisitCommand {
        factors = factors == null ? Set.of() : Set.copyOf(factors);
        interventionIds = interventionIds == null ? Set.of() : Set.copyOf(interventionIds);
    }
}
