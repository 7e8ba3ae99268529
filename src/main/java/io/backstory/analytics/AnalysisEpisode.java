package io.backstory.analytics;

/**
 * One discharged episode of care, as the analysis dataset (DESIGN §4) describes it: de-identified,
 * no names and no dates. Covariates are boxed because real clinics leave measures unrecorded; the
 * models use complete cases and report how many episodes they had to leave out.
 */
public record AnalysisEpisode(
        String episodeId,
        boolean movement, boolean mobility, boolean strength, boolean recovery, boolean beliefs,
        Double age, Sex sex, Chronicity chronicity,
        Double baselineNprs, Double baselineOdi, Double fabqPa, StartBackRisk startBack,
        Integer priorEpisodes, int visits, double timeDays, boolean recurred) {

    /** Number of the five factors addressed at one visit or more (DESIGN §1: plan breadth 0-5). */
    public int breadth() {
        return (movement ? 1 : 0) + (mobility ? 1 : 0) + (strength ? 1 : 0) + (recovery ? 1 : 0) + (beliefs ? 1 : 0);
    }
}
