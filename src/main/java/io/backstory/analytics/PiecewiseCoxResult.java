package io.backstory.analytics;

import java.util.List;

/**
 * The hazard ratio of one term per period of follow-up ({@link PiecewiseCox}).
 *
 * @param term    the split column's name
 * @param cuts    the cut points, days
 * @param periods the term's coefficient in each period, in time order, named {@code term[t<=90]},
 *                {@code term[t>90]} (NaN when a period has no events to estimate it)
 * @param fit     the whole fitted model on the split data
 */
public record PiecewiseCoxResult(String term, List<Double> cuts, List<ModelTerm> periods, CoxResult fit) {

    public PiecewiseCoxResult {
        cuts = List.copyOf(cuts);
        periods = List.copyOf(periods);
    }

    /** The first period (before the first cut). */
    public ModelTerm before() {
        return periods.getFirst();
    }

    /** The last period (after the last cut). */
    public ModelTerm after() {
        return periods.getLast();
    }
}
