package io.backstory.reports;

import io.backstory.analytics.AnalysisEpisode;
import java.time.LocalDate;

/** One discharged episode for the report: the de-identified analysis row plus what the report groups by. */
record EpisodeRow(AnalysisEpisode episode, long therapistId, long locationId, LocalDate discharge) {
}
