package io.backstory.reports;

import io.backstory.analytics.AnalysisReport;
import io.backstory.analytics.ProportionEstimate;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The owner report for one clinic and filter: the analytics engine's report plus the descriptive
 * tables the dashboard shows around it. {@code analysis} is null when no discharged episode matches
 * the filter (the views then say so instead of showing empty charts).
 */
public record RecurrenceReport(ReportFilter filter, int horizonDays, int isolatedMaxBreadth,
                               @Nullable AnalysisReport analysis, Kpis kpis, List<BreadthRow> breadth,
                               List<TherapistPoint> therapists, List<FunnelBand> funnel, double clinicRate,
                               List<QuarterRow> quarters, List<FactorOmission> omissions,
                               String dataVersion, Instant computedAt, List<ChannelRow> followUpChannels) {

    /** Without the follow-up channels (issue 12), for reports built from a cohort rather than the database. */
    public RecurrenceReport(ReportFilter filter, int horizonDays, int isolatedMaxBreadth, @Nullable AnalysisReport analysis,
                            Kpis kpis, List<BreadthRow> breadth, List<TherapistPoint> therapists, List<FunnelBand> funnel,
                            double clinicRate, List<QuarterRow> quarters, List<FactorOmission> omissions, String dataVersion,
                            Instant computedAt) {
        this(filter, horizonDays, isolatedMaxBreadth, analysis, kpis, breadth, therapists, funnel, clinicRate, quarters,
                omissions, dataVersion, computedAt, List.of());
    }

    RecurrenceReport withFollowUpChannels(List<ChannelRow> rows) {
        return new RecurrenceReport(filter, horizonDays, isolatedMaxBreadth, analysis, kpis, breadth, therapists, funnel,
                clinicRate, quarters, omissions, dataVersion, computedAt, rows);
    }

    /**
     * Issue 12, DESIGN §9: the check-ins due so far in one plan group ({@code ISOLATED}, {@code BROAD} or
     * {@code ALL}) by how they were completed: the patient's email reply, a staff call, a new episode of care, or not.
     */
    public record ChannelRow(String planGroup, int email, int call, int newEpisode, int missing) {
        public int due() {
            return email + call + newEpisode + missing;
        }

        public double completeness() {
            return due() == 0 ? Double.NaN : (double) (email + call + newEpisode) / due();
        }
    }

    public RecurrenceReport {
        followUpChannels = List.copyOf(followUpChannels);
        breadth = List.copyOf(breadth);
        therapists = List.copyOf(therapists);
        funnel = List.copyOf(funnel);
        quarters = List.copyOf(quarters);
        omissions = List.copyOf(omissions);
    }

    /**
     * @param recurrence recurrence by the horizon among episodes that recurred or were followed for the
     *                   whole horizon, Wilson 95 % CI
     */
    public record Kpis(int activeEpisodes, int dischargedInPeriod, double followUpCompleteness,
                       ProportionEstimate recurrence) {
    }

    /** Recurrence by the horizon for one plan breadth (0-5), Wilson 95 % CI; {@code episodes} = all discharged. */
    public record BreadthRow(int breadth, int episodes, ProportionEstimate rate) {
    }

    /**
     * One therapist on the funnel plot: recurrence proportion among their evaluable episodes, and
     * the average plan breadth over all their discharged episodes.
     */
    public record TherapistPoint(long therapistId, String name, int discharged, int evaluable, int events,
                                 double rate, double averageBreadth, boolean outside95, boolean outside998) {
    }

    /** Control limits around the clinic rate at sample size n (Spiegelhalter 2005). */
    public record FunnelBand(int n, double lower95, double upper95, double lower998, double upper998) {
    }

    /** Discharges of one calendar quarter (e.g. "2025 Q3"). */
    public record QuarterRow(String quarter, int discharged, int evaluable, int events, double rate,
                             double averageBreadth) {
    }

    /**
     * Share of discharged episodes in which the factor was never addressed; {@code factor} is its model term
     * ({@link io.backstory.analytics.RecurrenceAnalysis#factorTerms()}), labelled by "term.&lt;factor&gt;" in the translations.
     */
    public record FactorOmission(String factor, int omitted, int episodes, double share) {
    }
}
