package io.backstory.analytics;

/**
 * One discharged episode of care, as the analysis dataset (DESIGN §4) describes it: de-identified,
 * no names and no dates. Covariates are boxed because real clinics leave measures unrecorded; the
 * models use complete cases and report how many episodes they had to leave out.
 *
 * <p>Three columns are optional in the dataset, and {@code null} when a file lacks them or leaves a
 * cell empty:
 * <ul>
 *   <li>{@code therapistId} and {@code locationId}: opaque per-clinic codes ({@code T3}, {@code L1}),
 *       never names or database ids, so that a model can be stratified or clustered by who treated
 *       the patient and where;</li>
 *   <li>{@code recovered}: whether the pain resolved after discharge (Stanton 2011: at least 30
 *       consecutive pain-free days, DESIGN §2) — {@code true} also for every recurrence, which
 *       presupposes recovery; {@code false} when the pain never resolved, which is not a recurrence
 *       but not a success either; {@code null} when no check-in could tell.</li>
 * </ul>
 */
public record AnalysisEpisode(
        String episodeId,
        boolean movement, boolean mobility, boolean strength, boolean recovery, boolean beliefs,
        Double age, Sex sex, Chronicity chronicity,
        Double baselineNprs, Double baselineOdi, Double fabqPa, StartBackRisk startBack,
        Integer priorEpisodes, int visits, double timeDays, boolean recurred,
        String therapistId, String locationId, Boolean recovered) {

    /** An episode of the 17-column dataset: therapist, location and recovery unknown. */
    public AnalysisEpisode(
            String episodeId,
            boolean movement, boolean mobility, boolean strength, boolean recovery, boolean beliefs,
            Double age, Sex sex, Chronicity chronicity,
            Double baselineNprs, Double baselineOdi, Double fabqPa, StartBackRisk startBack,
            Integer priorEpisodes, int visits, double timeDays, boolean recurred) {
        this(episodeId, movement, mobility, strength, recovery, beliefs, age, sex, chronicity, baselineNprs,
                baselineOdi, fabqPa, startBack, priorEpisodes, visits, timeDays, recurred, null, null, null);
    }

    /** Number of the five factors addressed at one visit or more (DESIGN §1: plan breadth 0-5). */
    public int breadth() {
        return (movement ? 1 : 0) + (mobility ? 1 : 0) + (strength ? 1 : 0) + (recovery ? 1 : 0) + (beliefs ? 1 : 0);
    }

    /** The same episode with the therapist and location codes (either may be null: unknown). */
    public AnalysisEpisode withCare(String therapist, String location) {
        return new AnalysisEpisode(episodeId, movement, mobility, strength, recovery, beliefs, age, sex, chronicity,
                baselineNprs, baselineOdi, fabqPa, startBack, priorEpisodes, visits, timeDays, recurred, therapist,
                location, recovered);
    }

    /** The same episode with its recovery status (null: unknown). */
    public AnalysisEpisode withRecovered(Boolean value) {
        return new AnalysisEpisode(episodeId, movement, mobility, strength, recovery, beliefs, age, sex, chronicity,
                baselineNprs, baselineOdi, fabqPa, startBack, priorEpisodes, visits, timeDays, recurred, therapistId,
                locationId, value);
    }
}
