package io.backstory.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * The design matrix as the fitting loops read it: one row-major primitive array (row i occupies
 * {@code x[i*stride .. i*stride+stride)}), rows in the caller's order (time order for Cox), each
 * covariate centred at its (weighted) mean and scaled by the inverse of its mean absolute deviation
 * exactly as survival's coxfit6 does, optionally preceded by a column of ones (the intercept).
 * Centring makes the cross-products well conditioned; Newton-Raphson and IRLS are invariant to this
 * reparametrisation, so coefficients are mapped back afterwards and match R's.
 *
 * <p>Constant and collinear columns are dropped before fitting: R reports their coefficient as NA
 * (coxph through cholesky2 on the information, glm through its pivoted QR), and like R the later of
 * two collinear columns is the one dropped.
 */
final class WorkingDesign {

    /**
     * A column is redundant when its variance left after regressing on the earlier kept columns is
     * below this fraction of its own variance (R^2 above 1 - 1e-9), the order of R's own tolerances
     * once the cross-product squares the condition number.
     */
    static final double COLLINEAR_TOLERANCE = 1e-9;

    final int n;
    final int stride;
    final boolean intercept;
    final double[] x;
    final int[] kept;
    final double[] means;
    final double[] scales;
    final List<String> dropped;
    final List<String> warnings;

    private WorkingDesign(int n, int stride, boolean intercept, double[] x, int[] kept, double[] means,
                          double[] scales, List<String> dropped, List<String> warnings) {
        this.n = n;
        this.stride = stride;
        this.intercept = intercept;
        this.x = x;
        this.kept = kept;
        this.means = means;
        this.scales = scales;
        this.dropped = dropped;
        this.warnings = warnings;
    }

    int covariates() {
        return kept.length;
    }

    /**
     * @param order   row order of the working copy ({@code null}: as given)
     * @param weights case weights in the ORIGINAL row order ({@code null}: all 1)
     */
    static WorkingDesign build(double[][] columns, String[] names, int n, int[] order, double[] weights,
                               boolean intercept) {
        int p = columns.length;
        List<String> dropped = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        double[] mean = new double[p];
        double[] scale = new double[p];
        boolean[] constant = new boolean[p];
        double totalWeight = 0;
        for (int i = 0; i < n; i++) {
            totalWeight += weights == null ? 1.0 : weights[i];
        }
        for (int j = 0; j < p; j++) {
            double[] c = columns[j];
            boolean same = true;
            double first = c[0];
            double s = 0;
            for (int i = 0; i < n; i++) {
                double v = c[i];
                same &= v == first;
                s += weights == null ? v : weights[i] * v;
            }
            constant[j] = same;
            mean[j] = same ? first : s / totalWeight;
            double abs = 0;
            for (int i = 0; i < n; i++) {
                double d = Math.abs(c[i] - mean[j]);
                abs += weights == null ? d : weights[i] * d;
            }
            scale[j] = abs > 0 ? totalWeight / abs : 1.0;
        }
        long t0 = System.nanoTime();
        int stride = p + (intercept ? 1 : 0);
        double[] x = new double[Math.multiplyExact(n, stride)];
        int first = intercept ? 1 : 0;
        // Scatter in input order: the p column reads stay sequential and each row lands in one
        // place (a gather through the time order would miss the cache p times per row).
        int[] rank = null;
        double[] rowWeight = weights;
        if (order != null) {
            rank = new int[n];
            rowWeight = weights == null ? null : new double[n];
            for (int i = 0; i < n; i++) {
                rank[order[i]] = i;
                if (rowWeight != null) {
                    rowWeight[i] = weights[order[i]];
                }
            }
        }
        int[] target = rank;
        Halves.run(n, Halves.midpoint(n), (slot, from, to) -> {
            for (int i = from; i < to; i++) {
                int off = (target == null ? i : target[i]) * stride;
                if (intercept) {
                    x[off] = 1.0;
                }
                for (int j = 0; j < p; j++) {
                    x[off + first + j] = constant[j] ? 0.0 : (columns[j][i] - mean[j]) * scale[j];
                }
            }
        });

        long t1 = System.nanoTime();
        boolean[] keep = screen(x, n, stride, first, p, constant, rowWeight);
        if (Boolean.getBoolean("backstory.trace")) System.err.printf("  fill %d ms, screen %d ms%n", (t1 - t0) / 1000000, (System.nanoTime() - t1) / 1000000);
        int kept = 0;
        for (int j = 0; j < p; j++) {
            if (keep[j]) {
                kept++;
            } else {
                dropped.add(names[j]);
                warnings.add(constant[j]
                        ? "term '" + names[j] + "' dropped: the column is constant (coefficient not estimable, NA in R)"
                        : "term '" + names[j] + "' dropped: the column is collinear with earlier terms"
                          + " (coefficient not estimable, NA in R)");
            }
        }
        int[] keptIdx = new int[kept];
        double[] keptMean = new double[kept];
        double[] keptScale = new double[kept];
        for (int j = 0, k = 0; j < p; j++) {
            if (keep[j]) {
                keptIdx[k] = j;
                keptMean[k] = mean[j];
                keptScale[k] = scale[j];
                k++;
            }
        }
        if (kept == p) {
            return new WorkingDesign(n, stride, intercept, x, keptIdx, keptMean, keptScale, dropped, warnings);
        }
        int newStride = kept + first;
        for (int i = 0; i < n; i++) {
            int src = i * stride;
            int dst = i * newStride;
            if (intercept) {
                x[dst] = 1.0;
            }
            for (int k = 0; k < kept; k++) {
                x[dst + first + k] = x[src + first + keptIdx[k]];
            }
        }
        // The compacted rows fit in the front of the array; the tail is never read.
        return new WorkingDesign(n, newStride, intercept, x, keptIdx, keptMean, keptScale, dropped, warnings);
    }

    /** {@code weights} in the working (x) row order, or null. */
    private static boolean[] screen(double[] x, int n, int stride, int first, int p, boolean[] constant,
                                    double[] weights) {
        boolean[] keep = new boolean[p];
        if (p == 0) {
            return keep;
        }
        int pp = p * (p + 1) / 2;
        double[][] partial = new double[2][pp];
        Halves.run(n, Halves.midpoint(n), (slot, from, to) -> {
            double[] s = partial[slot];
            for (int i = from; i < to; i++) {
                int off = i * stride + first;
                double w = weights == null ? 1.0 : weights[i];
                int t = 0;
                for (int j = 0; j < p; j++) {
                    double wx = w * x[off + j];
                    for (int k = 0; k <= j; k++) {
                        s[t++] += wx * x[off + k];
                    }
                }
            }
        });
        double[][] cross = new double[p][p];
        for (int j = 0, t = 0; j < p; j++) {
            for (int k = 0; k <= j; k++, t++) {
                cross[j][k] = partial[0][t] + partial[1][t];
            }
        }
        // Sequential elimination on the correlation matrix: each column is judged against the
        // earlier kept ones only, so the first of a collinear set survives.
        double[][] corr = new double[p][p];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k <= j; k++) {
                double d = Math.sqrt(cross[j][j] * cross[k][k]);
                corr[j][k] = d > 0 ? cross[j][k] / d : 0.0;
            }
        }
        for (int j = 0; j < p; j++) {
            if (constant[j] || cross[j][j] <= 0) {
                for (int k = 0; k < p; k++) {
                    corr[Math.max(j, k)][Math.min(j, k)] = 0;
                }
            }
        }
        SymmetricSystem sys = SymmetricSystem.factor(corr, COLLINEAR_TOLERANCE);
        for (int j = 0; j < p; j++) {
            keep[j] = !constant[j] && cross[j][j] > 0 && !sys.redundant(j);
        }
        return keep;
    }
}
