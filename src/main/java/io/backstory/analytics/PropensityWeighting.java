package io.backstory.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Propensity-score weighting done properly (issue 10, item 4): the propensity of a multi-factor plan by
 * logistic regression on the covariates, weights that cannot be dominated by a handful of patients, the
 * weighted Cox hazard ratio with the robust (sandwich) variance, covariate balance before and after
 * weighting ({@link BalanceTable}) and Kish's effective sample size per group.
 *
 * <p>Two weighting schemes:
 * <ul>
 *   <li>{@link Scheme#STABILISED_IPTW} (the default): P(T = t) / P(T = t | X), then truncated at the 1st and
 *       99th percentiles of all the weights (Cole &amp; Hernán 2008, Am J Epidemiol 168:656): weights below
 *       the 1st percentile are raised to it, those above the 99th lowered to it. Percentiles are R's
 *       {@code quantile(w, c(.01, .99))} (type 7). Truncation trades a little bias for much less variance
 *       when a few covariate patterns are almost never or always treated.</li>
 *   <li>{@link Scheme#OVERLAP}: 1 - e(X) for the treated, e(X) for the untreated (Li, Morgan &amp; Zaslavsky
 *       2018, JASA 113:390): bounded by construction, they weight the patients whose plan could have gone
 *       either way and estimate the effect in that overlap population; untruncated by default.</li>
 * </ul>
 * Equivalent R for the default:
 * <pre>
 * ps &lt;- fitted(glm(multi ~ covariates, family = binomial)); p &lt;- mean(multi)
 * w &lt;- ifelse(multi == 1, p / ps, (1 - p) / (1 - ps))
 * q &lt;- quantile(w, c(.01, .99)); w_trunc &lt;- pmin(pmax(w, q[1]), q[2])
 * coxph(Surv(time, status) ~ multi, weights = w_trunc, robust = TRUE)
 * ess &lt;- sum(w_trunc[multi == 1])^2 / sum(w_trunc[multi == 1]^2)         # Kish, per group
 * </pre>
 * The robust variance treats the weights as known, as R's does; it is conservative for IPTW (Austin 2016).
 *
 * <p>Immutable: every {@code with...} returns a new configuration.
 */
public final class PropensityWeighting {

    public enum Scheme {
        /** P(T = t) / P(T = t | X). */
        STABILISED_IPTW,
        /** 1 - e(X) for the treated, e(X) for the untreated. */
        OVERLAP
    }

    /** Final weights above this still signal that a few patients carry the estimate (Cole &amp; Hernán 2008). */
    public static final double EXTREME_WEIGHT = WeightRange.EXTREME;

    private final Scheme scheme;
    private final double lowerQuantile;
    private final double upperQuantile;

    private PropensityWeighting(Scheme scheme, double lowerQuantile, double upperQuantile) {
        this.scheme = scheme;
        this.lowerQuantile = lowerQuantile;
        this.upperQuantile = upperQuantile;
    }

    /** Stabilised IPTW truncated at the 1st and 99th percentiles. */
    public static PropensityWeighting withDefaults() {
        return new PropensityWeighting(Scheme.STABILISED_IPTW, 0.01, 0.99);
    }

    /** Overlap weights, untruncated. */
    public static PropensityWeighting overlap() {
        return new PropensityWeighting(Scheme.OVERLAP, Double.NaN, Double.NaN);
    }

    public PropensityWeighting withScheme(Scheme s) {
        if (s == null) {
            throw new IllegalArgumentException("scheme must not be null");
        }
        return new PropensityWeighting(s, lowerQuantile, upperQuantile);
    }

    /** Truncate at these quantiles of all the weights, 0 &lt;= lower &lt; upper &lt;= 1 (e.g. 0.01, 0.99). */
    public PropensityWeighting withTruncation(double lower, double upper) {
        if (!(lower >= 0 && lower < upper && upper <= 1)) {
            throw new IllegalArgumentException("truncation: need 0 <= lower < upper <= 1, were " + lower + " and " + upper);
        }
        return new PropensityWeighting(scheme, lower, upper);
    }

    public PropensityWeighting withoutTruncation() {
        return new PropensityWeighting(scheme, Double.NaN, Double.NaN);
    }

    /**
     * As {@link #fit(double[], boolean[], boolean[], double[][], String[], double[][], String[])} with balance on the propensity covariates.
     *
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public PropensityWeightingResult fit(double[] time, boolean[] event, boolean[] treated, double[][] covariateColumns,
                                         String[] covariateNames) {
        return fit(time, event, treated, covariateColumns, covariateNames, covariateColumns, covariateNames);
    }

    /**
     * @param time             follow-up per row (already truncated at the horizon)
     * @param event            recurrence observed at {@code time}
     * @param treated          multi-factor plan per row (both values must occur)
     * @param covariateColumns the propensity model's covariates, column-major (dummies against a reference level)
     * @param covariateNames   their names
     * @param balanceColumns   the columns whose balance is reported: usually the same covariates with every
     *                         level of each categorical one (reference levels too)
     * @param balanceNames     their names
     */
    public PropensityWeightingResult fit(double[] time, boolean[] event, boolean[] treated, double[][] covariateColumns,
                                         String[] covariateNames, double[][] balanceColumns, String[] balanceNames) {
        if (time == null || time.length == 0) {
            throw new IllegalArgumentException("time must contain at least one row");
        }
        int n = time.length;
        int nTreated = Columns.checkGroups(treated, n, "treated", 2);
        Columns.check(covariateColumns, covariateNames, n, "covariateColumns");
        Columns.check(balanceColumns, balanceNames, n, "balanceColumns");
        List<String> warnings = new ArrayList<>();
        Weights computed = weights(treated, covariateColumns, covariateNames);
        for (String w : computed.propensityWarnings()) {
            warnings.add("propensity model: " + w);
        }
        double[] w = computed.weights();
        WeightRange range = WeightRange.of(w);
        if (range.extreme()) {
            warnings.add(String.format(Locale.ROOT, "extreme weights even after truncation (max %.1f): a few patients "
                    + "carry the weighted estimate", range.max()));
        }
        double[] indicator = new double[n];
        for (int i = 0; i < n; i++) {
            indicator[i] = treated[i] ? 1 : 0;
        }
        // w was made here and is never written again: the fit reads it without a defensive copy
        CoxResult cox = CoxModel.withDefaults().withOwnedWeights(w).withRobustVariance(true)
                .fit(time, event, new double[][] {indicator}, new String[] {"treated"});
        for (String m : cox.warnings()) {
            warnings.add("weighted Cox model: " + m);
        }
        ModelTerm term = cox.term("treated");
        BalanceTable balance = BalanceTable.of(treated, w, balanceColumns, balanceNames);
        if (!balance.balanced()) {
            warnings.add(String.format(Locale.ROOT, "covariates still unbalanced after weighting (|SMD| >= %.1f): %s",
                    BalanceTable.THRESHOLD, String.join(", ", balance.imbalanced())));
        }
        return new PropensityWeightingResult(scheme, lowerQuantile, upperQuantile, computed.lowerCut(),
                computed.upperCut(), computed.truncated(), range.min(), range.max(), range.mean(), computed.maxUntruncated(), term.ratio(), term.lower(), term.upper(), term.se(), nTreated,
                n - nTreated, kish(w, treated, true), kish(w, treated, false), balance, warnings, w, computed.propensity());
    }

    /** The final weights and how they were made, without the outcome model (a bootstrap replicate needs only these). */
    record Weights(double[] weights, double[] propensity, double lowerCut, double upperCut, int truncated,
                   double maxUntruncated, List<String> propensityWarnings) {
    }

    Weights weights(boolean[] treated, double[][] covariateColumns, String[] covariateNames) {
        int n = treated.length;
        int nTreated = Columns.countTrue(treated);
        LogisticResult propensity = LogisticModel.withDefaults().fit(treated, covariateColumns, covariateNames);
        double[] ps = propensity.predict(covariateColumns, covariateNames);
        double p = (double) nTreated / n;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = scheme == Scheme.OVERLAP
                    ? (treated[i] ? 1 - ps[i] : ps[i])
                    : (treated[i] ? p / ps[i] : (1 - p) / (1 - ps[i]));
        }
        double maxUntruncated = max(w);
        double lowerCut = Double.NaN;
        double upperCut = Double.NaN;
        int truncated = 0;
        if (!Double.isNaN(lowerQuantile)) {
            double[] q = Quantiles.type7(w, lowerQuantile, upperQuantile);
            lowerCut = q[0];
            upperCut = q[1];
            for (int i = 0; i < n; i++) {
                double t = Math.min(Math.max(w[i], lowerCut), upperCut);
                if (t != w[i]) {
                    truncated++;
                    w[i] = t;
                }
            }
        }
        return new Weights(w, ps, lowerCut, upperCut, truncated, maxUntruncated, propensity.warnings());
    }

    /** Kish's effective sample size (sum w)^2 / sum w^2 of the rows whose flag equals {@code group}. */
    static double kish(double[] w, boolean[] flag, boolean group) {
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < w.length; i++) {
            if (flag[i] == group) {
                s += w[i];
                s2 += w[i] * w[i];
            }
        }
        return s2 == 0 ? 0 : s * s / s2;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }
}
