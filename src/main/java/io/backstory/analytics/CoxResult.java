package io.backstory.analytics;

import java.util.List;

/**
 * A fitted Cox proportional-hazards model, as R's {@code summary(coxph(...))} reports it.
 *
 * @param terms        one entry per estimable covariate, in input order (dropped terms omitted)
 * @param loglikNull   log partial likelihood at beta = 0 ({@code fit$loglik[1]})
 * @param loglik       log partial likelihood at the estimate ({@code fit$loglik[2]})
 * @param lrChisq      likelihood-ratio statistic 2 (loglik - loglikNull)
 * @param lrDf         its degrees of freedom: the number of estimated terms
 * @param lrP          its chi-square upper-tail p-value
 * @param iterations   Newton-Raphson iterations used ({@code fit$iter}; when not converged this is the
 *                     limit, where R prints iter.max + 1)
 * @param converged    false when the iteration limit was reached
 * @param droppedTerms constant or collinear covariates left out (NA in R)
 * @param warnings     plain-language warnings: dropped terms, non-convergence, infinite coefficients
 * @param n            rows used (intervals for counting-process data)
 * @param events       number of rows with an event
 * @param scoreTest    score (log-rank) statistic at beta = 0 ({@code fit$score}), same df as lrDf
 * @param strata       number of strata (1 when unstratified)
 * @param clusters     number of clusters the robust variance sums over (rows when each row is its own);
 *                     0 for the model-based variance
 * @param phTest       the proportional-hazards test when {@link CoxModel#withProportionalHazardsTest} asked for
 *                     it, else {@code null}
 */
public record CoxResult(List<ModelTerm> terms, double loglikNull, double loglik, double lrChisq, int lrDf,
                        double lrP, int iterations, boolean converged, List<String> droppedTerms,
                        List<String> warnings, int n, int events, double scoreTest, int strata, int clusters,
                        PhTestResult phTest) implements RegressionResult {

    public CoxResult {
        terms = List.copyOf(terms);
        droppedTerms = List.copyOf(droppedTerms);
        warnings = List.copyOf(warnings);
    }

    /** Whether the standard errors are robust (sandwich) ones. */
    public boolean robust() {
        return clusters > 0;
    }

    /**
     * Robust variance from fewer than {@link CoxModel#FEW_CLUSTERS} clusters: the sandwich is then known to
     * be too small, so its interval should be called approximate.
     */
    public boolean fewClusters() {
        return clusters > 0 && clusters < CoxModel.FEW_CLUSTERS;
    }

    /** p-value of the score test, {@code pchisq(scoreTest, lrDf, lower.tail = FALSE)}. */
    public double scoreP() {
        return Tails.chiSquareUpper(scoreTest, lrDf);
    }
}
