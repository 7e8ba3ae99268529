package io.backstory.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * Inverse probability of treatment weighting (Austin 2011; Xu et al. 2010 for stabilised weights):
 * the propensity of treatment is modelled by logistic regression on the covariates, each row is
 * weighted by P(T = t) / P(T = t | X), and a Cox model with the treatment indicator alone is fitted
 * with those weights and the robust sandwich variance, because the weights are estimated and
 * model-based standard errors would be too narrow. Equivalent R:
 * <pre>
 * ps &lt;- fitted(glm(treated ~ covariates, family = binomial)); p &lt;- mean(treated)
 * w &lt;- ifelse(treated == 1, p / ps, (1 - p) / (1 - ps))
 * coxph(Surv(time, status) ~ treated, weights = w, robust = TRUE)
 * </pre>
 */
public final class Iptw {

    /**
     * Stabilised weights above this signal positivity problems (some covariate patterns almost
     * never or always treated); Cole &amp; Hernán (2008) advise inspecting them.
     */
    static final double EXTREME_WEIGHT = WeightRange.EXTREME;

    private Iptw() {
    }

    private static double[] indicator(boolean[] b) {
        double[] out = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] ? 1 : 0;
        }
        return out;
    }

    /**
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public static IptwResult estimate(double[] time, boolean[] event, boolean[] treated, double[][] covariateColumns,
                                      String[] covariateNames) {
        if (time == null || time.length == 0) {
            throw new IllegalArgumentException("time must contain at least one row");
        }
        int n = time.length;
        Columns.checkGroups(treated, n, "treated", 1);
        Columns.check(covariateColumns, covariateNames, n, "covariateColumns");
        List<String> warnings = new ArrayList<>();
        PropensityWeighting.Weights weights = PropensityWeighting.withDefaults().withoutTruncation()
                .weights(treated, covariateColumns, covariateNames);
        for (String w : weights.propensityWarnings()) {
            warnings.add("propensity model: " + w);
        }
        double[] w = weights.weights();
        double[] t = indicator(treated);
        var summary = java.util.Arrays.stream(w).summaryStatistics();
        double min = summary.getMin();
        double max = summary.getMax();
        double sum = summary.getSum();
        if (max > EXTREME_WEIGHT) {
            warnings.add("extreme stabilised weights (max " + String.format(java.util.Locale.ROOT, "%.1f", max)
                    + "): some covariate patterns are almost never or always treated, the weighted estimate is unstable");
        }
        CoxResult cox = CoxModel.withDefaults().withWeights(w).withRobustVariance(true)
                .fit(time, event, new double[][] {t}, new String[] {"treated"});
        for (String m : cox.warnings()) {
            warnings.add("weighted Cox model: " + m);
        }
        ModelTerm term = cox.term("treated");
        return new IptwResult(term.ratio(), term.lower(), term.upper(), term.se(), min, max, sum / n, warnings);
    }
}
