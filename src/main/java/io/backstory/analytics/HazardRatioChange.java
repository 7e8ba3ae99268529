package io.backstory.analytics;

/**
 * How much a term's hazard ratio moves when a model adds covariates, e.g. the plan's HR before and after
 * visits enter the model (DESIGN §4: is it breadth or just more visits?). A ratio near 1 means the added
 * covariates explain little of the association; far from 1, they explain part of it (or all: compare the
 * adjusted interval with 1).
 *
 * @param term    the term compared
 * @param without the term in the smaller model
 * @param with    the term in the model with the added covariates
 * @param ratio   {@code with.ratio() / without.ratio()}: 1.25 means the HR is 25 % higher once adjusted
 */
public record HazardRatioChange(String term, ModelTerm without, ModelTerm with, double ratio) {

    /** The term's change from {@code smaller} to {@code larger}; throws when either model lacks it. */
    public static HazardRatioChange of(CoxResult smaller, CoxResult larger, String term) {
        if (smaller == null || larger == null) {
            throw new IllegalArgumentException("smaller and larger must both be fitted models");
        }
        ModelTerm a = smaller.term(term);
        ModelTerm b = larger.term(term);
        return new HazardRatioChange(term, a, b, b.ratio() / a.ratio());
    }

    /** The change in percent: {@code 100 (ratio - 1)}. */
    public double percent() {
        return 100 * (ratio - 1);
    }
}
