package io.backstory.analytics;

/**
 * A small symmetric positive semi-definite p x p system factored as L D L' without pivoting, in
 * column order, the way survival's {@code cholesky2} does: a column whose remaining pivot falls
 * below {@code toler} times the largest diagonal is treated as redundant (its coefficient is set to
 * zero) instead of failing. Keeping R's column order means that of two collinear columns the later
 * one is the one dropped, as R reports it with NA.
 */
final class SymmetricSystem {

    private final int p;
    private final double[][] f;
    private final boolean[] redundant;
    private final int rank;

    private SymmetricSystem(double[][] matrix, double toler) {
        p = matrix.length;
        f = new double[p][p];
        double largest = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                f[i][j] = matrix[i][j];
            }
            largest = Math.max(largest, matrix[i][i]);
        }
        double eps = largest == 0 ? toler : largest * toler;
        redundant = new boolean[p];
        int r = 0;
        for (int i = 0; i < p; i++) {
            double pivot = f[i][i];
            if (!Double.isFinite(pivot) || pivot < eps) {
                f[i][i] = 0;
                redundant[i] = true;
                continue;
            }
            r++;
            for (int j = i + 1; j < p; j++) {
                double t = f[j][i] / pivot;
                f[j][i] = t;
                f[j][j] -= t * t * pivot;
                for (int k = j + 1; k < p; k++) {
                    f[k][j] -= t * f[k][i];
                }
            }
        }
        rank = r;
    }

    /** Factors the lower triangle of {@code matrix} (the upper triangle is not read). */
    static SymmetricSystem factor(double[][] matrix, double toler) {
        return new SymmetricSystem(matrix, toler);
    }

    int rank() {
        return rank;
    }

    boolean redundant(int i) {
        return redundant[i];
    }

    /** Solves M x = b (redundant components set to zero). */
    double[] solve(double[] b) {
        double[] y = b.clone();
        for (int i = 0; i < p; i++) {
            double t = y[i];
            for (int j = 0; j < i; j++) {
                t -= y[j] * f[i][j];
            }
            y[i] = t;
        }
        for (int i = p - 1; i >= 0; i--) {
            if (f[i][i] == 0) {
                y[i] = 0;
                continue;
            }
            double t = y[i] / f[i][i];
            for (int j = i + 1; j < p; j++) {
                t -= y[j] * f[j][i];
            }
            y[i] = t;
        }
        return y;
    }

    /** The (generalised) inverse: rows and columns of redundant components are zero. */
    double[][] inverse() {
        double[][] inv = new double[p][p];
        double[] e = new double[p];
        for (int c = 0; c < p; c++) {
            java.util.Arrays.fill(e, 0);
            e[c] = 1;
            double[] col = solve(e);
            for (int r = 0; r < p; r++) {
                inv[r][c] = redundant[r] || redundant[c] ? 0 : col[r];
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (inv[i][j] + inv[j][i]);
                inv[i][j] = m;
                inv[j][i] = m;
            }
        }
        return inv;
    }
}
