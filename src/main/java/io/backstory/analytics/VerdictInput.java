package io.backstory.analytics;

import java.util.List;

/**
 * What the verdict is decided from: group sizes and events of the primary analysis, the adjusted Cox hazard
 * ratio of multi-factor versus isolated plans in the primary model (stratified by therapist when the data
 * say who treated each patient) with its 95 % limits, the IPTW hazard ratio, and the
 * data-quality flags the analysis collected. Hazard ratios may be NaN when a model could not be fitted.
 *
 * @param episodesMulti        episodes with a multi-factor plan in the analysis
 * @param episodesIsolated     episodes with an isolated plan in the analysis
 * @param events               recurrences in the adjusted model
 * @param modelTerms           number of terms (columns) of the adjusted model, >= 1
 * @param hazardRatio          adjusted Cox HR, multi over isolated
 * @param hazardRatioLower     its lower 95 % limit
 * @param hazardRatioUpper     its upper 95 % limit
 * @param iptwHazardRatio      the inverse-probability-weighted HR
 * @param followUpCompleteness share of episodes followed for the whole horizon or until recurrence, 0..1
 * @param minExpectedCell      smallest expected count of the horizon 2 x 2 table
 * @param sparseFactors        factors addressed in < 10 % or > 90 % of episodes (labels as shown to users)
 * @param separation           the logistic model showed (quasi-)separation
 * @param converged            every model converged
 * @param evidence             the checks of the honest verdict (issue 10): the same comparison allowing for
 *                             visits, weighting, loss to follow-up and changing hazards
 */
public record VerdictInput(
        int episodesMulti, int episodesIsolated, int events, int modelTerms,
        double hazardRatio, double hazardRatioLower, double hazardRatioUpper, double iptwHazardRatio,
        double followUpCompleteness, double minExpectedCell, List<String> sparseFactors,
        boolean separation, boolean converged, VerdictEvidence evidence) {

    public VerdictInput {
        if (episodesMulti < 0) {
            throw new IllegalArgumentException("episodesMulti must be >= 0, was " + episodesMulti);
        }
        if (episodesIsolated < 0) {
            throw new IllegalArgumentException("episodesIsolated must be >= 0, was " + episodesIsolated);
        }
        if (events < 0) {
            throw new IllegalArgumentException("events must be >= 0, was " + events);
        }
        if (modelTerms < 1) {
            throw new IllegalArgumentException("modelTerms must be >= 1, was " + modelTerms);
        }
        if (!(followUpCompleteness >= 0 && followUpCompleteness <= 1)) {
            throw new IllegalArgumentException("followUpCompleteness must be between 0 and 1, was " + followUpCompleteness);
        }
        if (hazardRatioLower > hazardRatio || hazardRatioUpper < hazardRatio) {
            throw new IllegalArgumentException("hazardRatioLower <= hazardRatio <= hazardRatioUpper is required, were "
                    + hazardRatioLower + ", " + hazardRatio + ", " + hazardRatioUpper);
        }
        sparseFactors = sparseFactors == null ? List.of() : List.copyOf(sparseFactors);
        if (evidence == null) {
            throw new IllegalArgumentException("evidence must not be null");
        }
    }
}
