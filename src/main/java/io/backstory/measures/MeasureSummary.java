package io.backstory.measures;

import java.time.LocalDate;
import java.util.Map;
import org.jspecify.annotations.Nullable;

public record MeasureSummary(long id, long episodeId, Instrument instrument, Timepoint timepoint, LocalDate recordedOn,
                             double score, Map<String, Double> subscales, @Nullable String category) {
}
