package io.backstory.analytics;

import java.util.Arrays;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Log-rank test for 2 or k groups, identical to R {@code survdiff(Surv(time, status) ~ group)} (rho = 0):
 * observed minus expected events per group, the hypergeometric variance matrix, and the quadratic form
 * on all but one group. As in survdiff, groups whose expected count is 0 are left out of the test and
 * one of the remaining groups is dropped (survdiff drops the first; the statistic does not depend on
 * which, since the O - E sum to zero), so df = (groups with expected > 0) - 1.
 *
 * <p>Cost: one sort of the rows by time ({@link RowOrder}, a counting sort for whole-day times) plus O(T k^2) for T distinct event times and k groups (the variance
 * matrix is inherently k x k per event time); for the handful of groups the analysis uses this is linear.
 */
public final class LogRank {

    private LogRank() {
    }

    /**
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public static LogRankResult test(double[] time, boolean[] event, int[] group) {
        KaplanMeier.validate(time, event);
        if (group == null || group.length != time.length) {
            throw new IllegalArgumentException("group must have the same length as time (" + time.length + ")");
        }
        int n = time.length;
        int[] order = RowOrder.byTime(time);
        double[] sortedTime = new double[n];
        boolean[] sortedEvent = new boolean[n];
        int[] sortedGroup = new int[n];
        for (int i = 0; i < n; i++) {
            int r = order[i];
            sortedTime[i] = time[r];
            sortedEvent[i] = event[r];
            sortedGroup[i] = group[r];
        }
        return sorted(sortedTime, sortedEvent, sortedGroup);
    }

    /**
     * The same test on rows already in ascending time order, so that an analysis running several
     * log-rank tests and Kaplan-Meier curves on one cohort sorts it once. Sortedness is the caller's
     * promise (checked only as far as the pass needs).
     */
    static LogRankResult sorted(double[] time, boolean[] event, int[] group) {
        int n = time.length;
        int[] levels = Arrays.stream(group).sorted().distinct().toArray();
        int k = levels.length;
        if (k < 2) {
            throw new IllegalArgumentException("group must have at least 2 distinct values, had " + k);
        }
        int t = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || time[i] != time[i - 1]) {
                if (i > 0 && time[i] < time[i - 1]) {
                    throw new IllegalArgumentException("time must be sorted ascending, but time[" + i + "] < time[" + (i - 1) + "]");
                }
                t++;
            }
        }
        int[] start = new int[t + 1];
        for (int i = 0, r = 0; i < n; i++) {
            if (i > 0 && time[i] != time[i - 1]) {
                r++;
            }
            start[r + 1]++;
        }
        for (int r = 0; r < t; r++) {
            start[r + 1] += start[r];
        }
        int[] rowGroup = new int[n];
        boolean[] rowEvent = event;
        long span = (long) levels[k - 1] - levels[0];
        if (span < 4096) {
            // small integer codes (groups, breadth 0-5): a lookup table instead of a search per row
            int[] index = new int[(int) span + 1];
            for (int g = 0; g < k; g++) {
                index[levels[g] - levels[0]] = g;
            }
            for (int i = 0; i < n; i++) {
                rowGroup[i] = index[group[i] - levels[0]];
            }
        } else {
            for (int i = 0; i < n; i++) {
                rowGroup[i] = levelIndex(levels, group[i]);
            }
        }

        double[] atRisk = new double[k];
        for (int i = 0; i < n; i++) {
            atRisk[rowGroup[i]]++;
        }
        double[] observed = new double[k];
        double[] expected = new double[k];
        double[][] var = new double[k][k];
        double[] dg = new double[k];
        double[] leaving = new double[k];
        double total = n;
        for (int r = 0; r < t; r++) {
            double d = 0;
            Arrays.fill(dg, 0);
            Arrays.fill(leaving, 0);
            for (int pos = start[r]; pos < start[r + 1]; pos++) {
                int g = rowGroup[pos];
                leaving[g]++;
                if (rowEvent[pos]) {
                    dg[g]++;
                    d++;
                }
            }
            if (d > 0) {
                double nt = total;
                for (int g = 0; g < k; g++) {
                    observed[g] += dg[g];
                    expected[g] += d * atRisk[g] / nt;
                }
                if (nt > 1) {
                    double c = d * (nt - d) / (nt * nt * (nt - 1));
                    for (int g = 0; g < k; g++) {
                        if (atRisk[g] == 0) {
                            continue;
                        }
                        var[g][g] += c * atRisk[g] * nt;
                        for (int h = 0; h < k; h++) {
                            var[g][h] -= c * atRisk[g] * atRisk[h];
                        }
                    }
                }
            }
            for (int g = 0; g < k; g++) {
                atRisk[g] -= leaving[g];
            }
            total -= start[r + 1] - start[r];
        }

        int[] used = new int[k];
        int m = 0;
        for (int g = 0; g < k; g++) {
            if (expected[g] > 0) {
                used[m++] = g;
            }
        }
        int df = Math.max(0, m - 1);
        if (m < 2) {
            // survdiff reports chisq 0 here; with no events to compare, p = 1.
            return new LogRankResult(0.0, df, 1.0, observed, expected, levels);
        }
        double[][] v = new double[m - 1][m - 1];
        double[] u = new double[m - 1];
        for (int a = 1; a < m; a++) {
            u[a - 1] = observed[used[a]] - expected[used[a]];
            for (int b = 1; b < m; b++) {
                v[a - 1][b - 1] = var[used[a]][used[b]];
            }
        }
        double chisq = quadraticForm(v, u);
        return new LogRankResult(chisq, df, Tails.chiSquareUpper(chisq, df), observed, expected, levels);
    }

    private static double quadraticForm(double[][] v, double[] u) {
        Array2DRowRealMatrix matrix = new Array2DRowRealMatrix(v, false);
        RealVector rhs = new ArrayRealVector(u, false);
        LUDecomposition lu = new LUDecomposition(matrix);
        RealVector x = lu.getSolver().isNonSingular()
                ? lu.getSolver().solve(rhs)
                : new SingularValueDecomposition(matrix).getSolver().solve(rhs);
        return x.dotProduct(rhs);
    }

    private static int levelIndex(int[] levels, int value) {
        return Arrays.binarySearch(levels, value);
    }
}
