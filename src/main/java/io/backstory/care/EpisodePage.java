package io.backstory.care;

import io.backstory.followups.FollowUpSummary;
import io.backstory.followups.RecurrenceSummary;
import io.backstory.measures.MeasureTrend;
import io.backstory.patients.EpisodeSummary;
import io.backstory.visits.CoverageStrip;
import io.backstory.visits.Nudge;
import io.backstory.visits.VisitSummary;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything the episode page shows, read in one transaction ({@link EpisodeCareService#episodePage}): the page
 * renders from this record and calls no service while it draws, so its parts agree with each other (the strip,
 * the visit grid and the nudges come from the same visit list).
 *
 * @param canWrite   whether the user may log visits and discharge (a therapist or an admin; owners read)
 * @param recurrence the episode's recurrence, if a follow-up found one
 * @param visits     in date order
 * @param followUps  empty while the episode is open (follow-ups are scheduled at discharge)
 */
public record EpisodePage(EpisodeSummary episode, boolean canWrite, @Nullable RecurrenceSummary recurrence,
                          List<VisitSummary> visits, CoverageStrip strip, List<Nudge> nudges, List<MeasureTrend> trends,
                          List<FollowUpSummary> followUps) {
}
