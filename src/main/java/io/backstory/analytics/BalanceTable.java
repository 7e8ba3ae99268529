package io.backstory.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * Covariate balance between treated (multi-factor) and untreated (isolated) rows, before and after
 * weighting, by standardised mean differences (Austin 2009, Stat Med 28:3083; Austin &amp; Stuart 2015):
 * <pre>
 * SMD = (mean_T - mean_U) / sqrt((s2_T + s2_U) / 2)
 * </pre>
 * where the means are unweighted (before) or weighted, sum(w x) / sum(w) (after), and the denominator is
 * always the <em>unweighted</em> pooled standard deviation, so that weighting can only move the numerator
 * (Austin 2009 §2; Stuart 2010). s2 is the sample variance ({@code var(x)}, n - 1) for a continuous
 * column and p (1 - p) for a 0/1 column (a dummy level), as Austin writes it for binary covariates.
 * Every covariate counts, each level of a categorical one too (a reference level can be unbalanced
 * where the others are not). Balance holds when every |SMD| after weighting is below
 * {@link #THRESHOLD} (0.1, Austin 2009; Normand et al. 2001). A column constant within both groups with
 * different values has an infinite SMD; one constant overall has SMD 0.
 *
 * <p>R, by hand:
 * <pre>
 * sd_pooled &lt;- sqrt((var(x[t == 1]) + var(x[t == 0])) / 2)       # binary: p * (1 - p) for each var
 * smd_after &lt;- (weighted.mean(x[t == 1], w[t == 1]) - weighted.mean(x[t == 0], w[t == 0])) / sd_pooled
 * </pre>
 *
 * @param rows one entry per column, in input order
 */
public record BalanceTable(List<CovariateBalance> rows) {

    /** |SMD| at or above this after weighting means the weighted groups are not comparable. */
    public static final double THRESHOLD = 0.1;

    public BalanceTable {
        rows = List.copyOf(rows);
    }

    /**
     * @param treated one flag per row, both values present
     * @param weights one weight per row, finite and &gt;= 0 ({@code null}: unweighted, after = before)
     * @param columns column-major covariates, {@code columns[j][i]} for row i
     * @param names   one unique name per column
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public static BalanceTable of(boolean[] treated, double[] weights, double[][] columns, String[] names) {
        if (treated == null || treated.length == 0) {
            throw new IllegalArgumentException("treated must contain at least one row");
        }
        int n = treated.length;
        Columns.checkGroups(treated, n, "treated", 2);
        if (weights != null) {
            if (weights.length != n) {
                throw new IllegalArgumentException("weights must have one entry per row (" + n + "), had " + weights.length);
            }
            for (int i = 0; i < n; i++) {
                if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
                    throw new IllegalArgumentException("weights[" + i + "] must be finite and >= 0, was " + weights[i]);
                }
            }
        }
        Columns.check(columns, names, n, "columns");
        List<CovariateBalance> out = new ArrayList<>(columns.length);
        for (int j = 0; j < columns.length; j++) {
            out.add(balance(names[j], columns[j], treated, weights));
        }
        return new BalanceTable(out);
    }

    private static CovariateBalance balance(String name, double[] x, boolean[] treated, double[] w) {
        // two passes per group (mean, then squared deviations) as R's var does, for accuracy
        double[] sum = new double[2];
        double[] count = new double[2];
        double[] wsum = new double[2];
        double[] wx = new double[2];
        boolean binary = true;
        for (int i = 0; i < x.length; i++) {
            int g = treated[i] ? 1 : 0;
            double v = x[i];
            binary &= v == 0 || v == 1;
            sum[g] += v;
            count[g]++;
            double wi = w == null ? 1 : w[i];
            wsum[g] += wi;
            wx[g] += wi * v;
        }
        double[] mean = {sum[0] / count[0], sum[1] / count[1]};
        double[] var = new double[2];
        if (binary) {
            for (int g = 0; g < 2; g++) {
                var[g] = mean[g] * (1 - mean[g]);
            }
        } else {
            double[] ss = new double[2];
            for (int i = 0; i < x.length; i++) {
                int g = treated[i] ? 1 : 0;
                double d = x[i] - mean[g];
                ss[g] += d * d;
            }
            for (int g = 0; g < 2; g++) {
                var[g] = ss[g] / (count[g] - 1);
            }
        }
        double sd = Math.sqrt((var[0] + var[1]) / 2);
        double wm1 = wsum[1] > 0 ? wx[1] / wsum[1] : Double.NaN;
        double wm0 = wsum[0] > 0 ? wx[0] / wsum[0] : Double.NaN;
        return new CovariateBalance(name, binary, mean[1], mean[0], wm1, wm0, sd, smd(mean[1] - mean[0], sd),
                smd(wm1 - wm0, sd));
    }

    private static double smd(double difference, double sd) {
        if (sd > 0) {
            return difference / sd;
        }
        // constant within both groups: no imbalance when the values agree, complete separation when not
        return difference == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference);
    }

    /** Every |SMD| after weighting is below {@link #THRESHOLD}. */
    public boolean balanced() {
        return imbalanced().isEmpty();
    }

    /** The columns with |SMD| after weighting at or above {@link #THRESHOLD}, in input order. */
    public List<String> imbalanced() {
        List<String> out = new ArrayList<>();
        for (CovariateBalance b : rows) {
            if (!(Math.abs(b.smdAfter()) < THRESHOLD)) {
                out.add(b.name());
            }
        }
        return out;
    }

    public double maxAbsSmdBefore() {
        double max = 0;
        for (CovariateBalance b : rows) {
            max = Math.max(max, Math.abs(b.smdBefore()));
        }
        return max;
    }

    public double maxAbsSmdAfter() {
        double max = 0;
        for (CovariateBalance b : rows) {
            max = Math.max(max, Math.abs(b.smdAfter()));
        }
        return max;
    }

    /** The row called {@code name}. */
    public CovariateBalance row(String name) {
        for (CovariateBalance b : rows) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("name: no covariate called '" + name + "' in this balance table");
    }
}
