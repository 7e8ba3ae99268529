package io.backstory.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The design matrix as the fitting loops read it: one row-major primitive array (row i occupies
 * {@code x[i*stride .. i*stride+stride)}), rows in the caller's order (time order for Cox), each
 * covariate centred at its (weighted) mean and scaled by the inverse of its mean absolute deviation
 * exactly as survival's coxfit6 does, optionally preceded by a column of ones (the intercept).
 * Centring makes the cross-products well conditioned; Newton-Raphson and IRLS are invariant to this
 * reparametrisation, so coefficients are mapped back afterwards and match R's.
 *
 * <p>Constant and collinear columns are dropped before the first step, as R reports their
 * coefficient as NA. The check runs on the first cross-product the fit needs anyway, as R does:
 * coxph factors the information at beta = 0 with cholesky2, and glm's first IRLS step has equal
 * weights, so its X'WX is the centred cross-product. Like R, of two collinear columns the later one
 * is dropped.
 */
final class WorkingDesign {

    /**
     * A column is redundant when the variance left after regressing it on the earlier kept columns
     * is below this fraction of its own (R^2 above 1 - 1e-9): the order of R's tolerances once a
     * cross-product squares the condition number.
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
    private final boolean[] constant;
    private final String[] names;

    private WorkingDesign(int n, int stride, boolean intercept, double[] x, int[] kept, double[] means,
                          double[] scales, List<String> dropped, List<String> warnings, boolean[] constant,
                          String[] names) {
        this.n = n;
        this.stride = stride;
        this.intercept = intercept;
        this.x = x;
        this.kept = kept;
        this.means = means;
        this.scales = scales;
        this.dropped = dropped;
        this.warnings = warnings;
        this.constant = constant;
        this.names = names;
    }

    int covariates() {
        return kept.length;
    }

    /** Names of the kept covariates, in column order. */
    List<String> keptNames() {
        List<String> out = new ArrayList<>(kept.length);
        for (int k : kept) {
            out.add(names[k]);
        }
        return out;
    }

    /** Index of the first covariate in a row (1 after the intercept). */
    int first() {
        return intercept ? 1 : 0;
    }

    /**
     * All columns, constant ones filled with zeros (they fail the rank check).
     *
     * @param order   row order of the working copy ({@code null}: as given)
     * @param weights case weights in the ORIGINAL row order ({@code null}: all 1)
     */
    static WorkingDesign build(double[][] columns, String[] names, int n, int[] order, double[] weights,
                               boolean intercept) {
        return build(columns, names, n, order, null, weights, intercept);
    }

    /**
     * As {@link #build} over only the given rows of the columns, unweighted, in their order: the design of a subset
     * (the logistic model's episodes evaluable at the horizon) without first copying every column of the subset.
     * The statistics run over the same values in the same order as on such a copy, so the design is identical.
     *
     * @param rows the rows of {@code columns} the design holds, one design row each
     */
    static WorkingDesign ofRows(double[][] columns, String[] names, int[] rows, boolean intercept) {
        return build(columns, names, rows.length, null, rows, null, intercept);
    }

    private static WorkingDesign build(double[][] columns, String[] names, int n, int[] order, int[] rows,
                                       double[] weights, boolean intercept) {
        int p = columns.length;
        double[] mean = new double[p];
        double[] scale = new double[p];
        boolean[] constant = new boolean[p];
        double totalWeight = weights == null ? n : sum(weights, n);
        // one column of the subset at a time: 8 bytes per row instead of a copy of the whole subset
        double[] subset = rows == null ? null : new double[n];
        for (int j = 0; j < p; j++) {
            double[] c = rows == null ? columns[j] : gather(columns[j], rows, subset);
            constant[j] = isConstant(c, n);
            mean[j] = constant[j] ? c[0] : weightedSum(c, weights, n) / totalWeight;
            double abs = absoluteDeviation(c, weights, n, mean[j]);
            scale[j] = abs > 0 ? totalWeight / abs : 1.0;
        }
        int stride = p + (intercept ? 1 : 0);
        double[] x = new double[Math.multiplyExact(n, stride)];
        int first = intercept ? 1 : 0;
        // Scatter in input order: the p column reads stay sequential and each row lands in one
        // place (a gather through the time order would miss the cache p times per row).
        int[] target = order == null ? null : inverse(order);
        Halves.run(n, Halves.midpoint(n), (slot, from, to) -> fillRows(columns, rows, target, x, stride, first,
                constant, mean, scale, from, to));
        int[] all = new int[p];
        for (int j = 0; j < p; j++) {
            all[j] = j;
        }
        return new WorkingDesign(n, stride, intercept, x, all, mean, scale, List.of(), List.of(), constant,
                names.clone());
    }

    /**
     * The first {@code count} covariates of this design, reading the same row array (rows keep this design's stride):
     * a fit on a leading subset of another fit's columns, in the same row order and centring, needs no design of its
     * own. Each column's centring and scale depend on that column alone, so the values are those a design of just
     * these columns would hold. Only for designs without an intercept and without dropped columns.
     */
    WorkingDesign leading(int count) {
        if (intercept || kept.length != names.length || count > kept.length) {
            throw new IllegalStateException("a leading view needs a full design without intercept");
        }
        return new WorkingDesign(n, stride, false, x, Arrays.copyOf(kept, count),
                Arrays.copyOf(means, count), Arrays.copyOf(scales, count), List.of(), List.of(),
                Arrays.copyOf(constant, count), Arrays.copyOf(names, count));
    }

    /** An independent copy (its own row array), for a fit that drops columns from a design others share. */
    WorkingDesign copy() {
        return new WorkingDesign(n, stride, intercept, x.clone(), kept, means, scales, dropped, warnings, constant,
                names);
    }

    /**
     * Which covariates are constant or collinear with earlier ones, judged on {@code cross}, a
     * (weighted) cross-product or information matrix over this design's columns (intercept first).
     * Sequential elimination on the correlation scale: each column is judged against the earlier
     * kept ones only, so the first of a collinear set survives. Returns null when all are kept.
     */
    boolean[] redundant(double[][] cross) {
        return redundant(cross, 0);
    }

    /**
     * As {@link #redundant(double[][])}, also dropping a column whose diagonal is at most {@code floor}:
     * needed when the column may be the only one (then the largest diagonal is its own).
     */
    boolean[] redundant(double[][] cross, double floor) {
        int q = cross.length;
        double[][] corr = new double[q][q];
        for (int j = 0; j < q; j++) {
            for (int k = 0; k <= j; k++) {
                double d = Math.sqrt(cross[j][j] * cross[k][k]);
                corr[j][k] = d > 0 ? cross[j][k] / d : 0.0;
            }
        }
        SymmetricSystem sys = SymmetricSystem.factor(corr, COLLINEAR_TOLERANCE);
        // a column that varies yet carries almost no information (in a stratified Cox model: constant within
        // every stratum) shows only on the diagonal's own scale, as cholesky2 sees it; the columns are scaled
        // alike (mean absolute deviation 1), so the largest diagonal is the yardstick
        double largest = 0;
        for (int j = 0; j < q; j++) {
            largest = Math.max(largest, cross[j][j]);
        }
        double least = Math.max(COLLINEAR_TOLERANCE * largest, floor);
        boolean[] out = new boolean[kept.length];
        boolean any = false;
        for (int k = 0; k < kept.length; k++) {
            int c = k + first();
            out[k] = constant[kept[k]] || !(cross[c][c] > least) || sys.redundant(c);
            any |= out[k];
        }
        return any ? out : null;
    }

    /**
     * This design without the flagged covariates. Compacts the shared array in place: this object
     * must not be used afterwards.
     */
    WorkingDesign without(boolean[] drop) {
        List<String> droppedNames = new ArrayList<>(dropped);
        List<String> messages = new ArrayList<>(warnings);
        int count = 0;
        for (int k = 0; k < kept.length; k++) {
            if (!drop[k]) {
                count++;
                continue;
            }
            String name = names[kept[k]];
            droppedNames.add(name);
            messages.add(constant[kept[k]]
                    ? "term '" + name + "' dropped: the column is constant (coefficient not estimable, NA in R)"
                    : "term '" + name + "' dropped: the column is collinear with earlier terms or, stratified,"
                      + " constant within every stratum (coefficient not estimable, NA in R)");
        }
        int[] keptIdx = new int[count];
        int[] position = new int[count];
        double[] keptMean = new double[count];
        double[] keptScale = new double[count];
        for (int k = 0, c = 0; k < kept.length; k++) {
            if (!drop[k]) {
                keptIdx[c] = kept[k];
                position[c] = k;
                keptMean[c] = means[k];
                keptScale[c] = scales[k];
                c++;
            }
        }
        int newStride = count + first();
        compact(x, n, stride, newStride, first(), position);
        return new WorkingDesign(n, newStride, intercept, x, keptIdx, keptMean, keptScale, droppedNames, messages,
                constant, names);
    }

    // The row loops live in small methods of their own: the JIT compiles each once instead of
    // recompiling one large method on-stack for every loop in it.

    /** Moves the kept columns to the front of each row, in place (data only ever moves left). */
    private static void compact(double[] x, int n, int stride, int newStride, int first, int[] position) {
        for (int i = 0; i < n; i++) {
            int src = i * stride;
            int dst = i * newStride;
            if (first == 1) {
                x[dst] = 1.0;
            }
            for (int k = 0; k < position.length; k++) {
                x[dst + first + k] = x[src + first + position[k]];
            }
        }
    }

    private static int[] inverse(int[] order) {
        int[] rank = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            rank[order[i]] = i;
        }
        return rank;
    }

    private static double sum(double[] v, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += v[i];
        }
        return s;
    }

    private static boolean isConstant(double[] c, int n) {
        double first = c[0];
        for (int i = 1; i < n; i++) {
            if (c[i] != first) {
                return false;
            }
        }
        return true;
    }

    private static double weightedSum(double[] c, double[] weights, int n) {
        double s = 0;
        if (weights == null) {
            for (int i = 0; i < n; i++) {
                s += c[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                s += weights[i] * c[i];
            }
        }
        return s;
    }

    private static double absoluteDeviation(double[] c, double[] weights, int n, double mean) {
        double s = 0;
        if (weights == null) {
            for (int i = 0; i < n; i++) {
                s += Math.abs(c[i] - mean);
            }
        } else {
            for (int i = 0; i < n; i++) {
                s += weights[i] * Math.abs(c[i] - mean);
            }
        }
        return s;
    }

    private static void fillRows(double[][] columns, int[] rows, int[] target, double[] x, int stride, int first,
                                 boolean[] constant, double[] mean, double[] scale, int from, int to) {
        int p = columns.length;
        for (int i = from; i < to; i++) {
            int off = (target == null ? i : target[i]) * stride;
            int src = rows == null ? i : rows[i];
            if (first == 1) {
                x[off] = 1.0;
            }
            for (int j = 0; j < p; j++) {
                x[off + first + j] = constant[j] ? 0.0 : (columns[j][src] - mean[j]) * scale[j];
            }
        }
    }

    private static double[] gather(double[] column, int[] rows, double[] into) {
        for (int i = 0; i < rows.length; i++) {
            into[i] = column[rows[i]];
        }
        return into;
    }
}
