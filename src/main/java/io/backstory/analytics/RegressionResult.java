package io.backstory.analytics;

import java.util.List;

/**
 * What every fitted regression here reports alike: its estimable terms, the ones left out, and its warnings; and the
 * one way to look a term up by name ({@link CoxResult}, {@link LogisticResult}).
 */
public sealed interface RegressionResult permits CoxResult, LogisticResult {

    /** The estimable terms, in input order (for a logistic model the intercept first). */
    List<ModelTerm> terms();

    /** Constant or collinear columns left out (NA in R). */
    List<String> droppedTerms();

    /** Plain-language warnings about the fit. */
    List<String> warnings();

    /** The term called {@code name}; throws when it is unknown or was dropped (constant or collinear). */
    default ModelTerm term(String name) {
        for (ModelTerm t : terms()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        if (droppedTerms().contains(name)) {
            throw new IllegalArgumentException("name: term '" + name + "' was dropped (constant or collinear)");
        }
        throw new IllegalArgumentException("name: no term called '" + name + "' in this model");
    }
}
