package io.backstory.measures;

import org.jspecify.annotations.Nullable;

/** Baseline and latest score of one instrument in an episode, read against its MCID. */
public record MeasureTrend(Instrument instrument, MeasureSummary baseline, @Nullable MeasureSummary latest,
                           @Nullable Change change) {
}
