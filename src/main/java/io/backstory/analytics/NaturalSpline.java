package io.backstory.analytics;

import java.util.Arrays;

/**
 * The natural cubic spline basis of R's {@code splines::ns(x, df)} (no intercept), column for column: boundary
 * knots at the range of x, {@code df - 1} interior knots at the quantiles 1/df, 2/df, ... of x (R's
 * {@code quantile} type 7), the cubic B-spline basis on those knots ({@code splineDesign}) without its first
 * column, projected by R's own Householder QR ({@code qr}, LINPACK dqrdc2; {@code qr.qty}) onto the space
 * whose second derivative is zero at both boundary knots. Natural splines are linear beyond the boundary
 * knots; this basis is only evaluated within them (which always holds for the data it was built from).
 *
 * <p>Used for the dose model of DESIGN §4 (is it breadth or just more visits?): {@code ns(visits, df = 3)}
 * lets recurrence depend on the number of visits in any smooth way, not only linearly.
 */
public final class NaturalSpline {

    private static final int ORDER = 4;

    private final double lower;
    private final double upper;
    private final double[] interior;
    private final double[] knots;
    private final int df;
    /** Householder vectors of t(const) (K x 2, column-major as LINPACK leaves them) and their qraux. */
    private final double[][] householder;
    private final double[] qraux;

    private NaturalSpline(double lower, double upper, double[] interior) {
        this.lower = lower;
        this.upper = upper;
        this.interior = interior;
        this.df = interior.length + 1;
        this.knots = new double[interior.length + 2 * ORDER];
        for (int i = 0; i < ORDER; i++) {
            knots[i] = lower;
            knots[knots.length - 1 - i] = upper;
        }
        System.arraycopy(interior, 0, knots, ORDER, interior.length);
        // second derivatives of the B-splines at both boundary knots, first basis column dropped
        int k = knots.length - ORDER - 1;
        double[][] constT = new double[k][2];
        double[] atLower = bsplines(lower, 2);
        double[] atUpper = bsplines(upper, 2);
        for (int i = 0; i < k; i++) {
            constT[i][0] = atLower[i + 1];
            constT[i][1] = atUpper[i + 1];
        }
        this.qraux = new double[2];
        this.householder = constT;
        householderQr(constT, qraux);
    }

    /**
     * The basis R's {@code ns(x, df)} builds on {@code x}.
     *
     * @param x  finite values with at least two distinct ones
     * @param df degrees of freedom (number of columns), 1 to 10
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public static NaturalSpline of(double[] x, int df) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("x must contain at least one value");
        }
        if (df < 1 || df > 10) {
            throw new IllegalArgumentException("df must be between 1 and 10, was " + df);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("x[" + i + "] must be finite, was " + x[i]);
            }
        }
        Distinct d = Distinct.of(x);
        double lower = d.values[0];
        double upper = d.values[d.size - 1];
        if (!(upper > lower)) {
            throw new IllegalArgumentException("x: all values equal " + lower + "; a spline needs at least two distinct values");
        }
        int nInterior = df - 1;
        double[] interior = new double[nInterior];
        double by = 1.0 / (nInterior + 1);
        for (int i = 0; i < nInterior; i++) {
            interior[i] = d.quantile7((i + 1) * by);
        }
        return new NaturalSpline(lower, upper, interior);
    }

    /**
     * The distinct values of x, ascending, with how often each occurs. A count per value (visits are small
     * integers) instead of sorting a million values; data with very many distinct values are sorted.
     */
    private record Distinct(double[] values, int[] cumulative, int size) {

        private static final int SMALL = 4096;

        static Distinct of(double[] x) {
            double[] values = new double[16];
            int[] counts = new int[16];
            int size = 0;
            for (double v : x) {
                int at = Arrays.binarySearch(values, 0, size, v);
                if (at >= 0) {
                    counts[at]++;
                    continue;
                }
                if (size == SMALL) {
                    return sorted(x);
                }
                at = -at - 1;
                if (size == values.length) {
                    values = Arrays.copyOf(values, 2 * size);
                    counts = Arrays.copyOf(counts, 2 * size);
                }
                System.arraycopy(values, at, values, at + 1, size - at);
                System.arraycopy(counts, at, counts, at + 1, size - at);
                values[at] = v;
                counts[at] = 1;
                size++;
            }
            for (int i = 1; i < size; i++) {
                counts[i] += counts[i - 1];
            }
            return new Distinct(values, counts, size);
        }

        private static Distinct sorted(double[] x) {
            double[] s = x.clone();
            Arrays.sort(s);
            int[] cumulative = new int[s.length];
            int size = 0;
            for (int i = 0; i < s.length; i++) {
                if (size > 0 && s[size - 1] == s[i]) {
                    cumulative[size - 1]++;
                } else {
                    s[size] = s[i];
                    cumulative[size] = (size == 0 ? 0 : cumulative[size - 1]) + 1;
                    size++;
                }
            }
            return new Distinct(s, cumulative, size);
        }

        /** The k-th smallest value (1-based) of the original data. */
        double orderStatistic(int k) {
            int at = Arrays.binarySearch(cumulative, 0, size, k);
            return values[at >= 0 ? at : -at - 1];
        }

        /** R's {@code quantile(x, prob, type = 7)}. */
        double quantile7(double prob) {
            int n = cumulative[size - 1];
            double index = 1 + (n - 1) * prob;
            int lo = (int) Math.floor(index);
            int hi = (int) Math.ceil(index);
            double q = orderStatistic(lo);
            double h = index - lo;
            double above = orderStatistic(hi);
            if (index > lo && above != q) {
                q = (1 - h) * q + h * above;
            }
            return q;
        }
    }

    /** Number of basis columns. */
    public int df() {
        return df;
    }

    /** The boundary knots: the range of the data the basis was built on. */
    public double[] boundaryKnots() {
        return new double[] {lower, upper};
    }

    /** The interior knots ({@code attr(ns(x, df), "knots")}). */
    public double[] interiorKnots() {
        return interior.clone();
    }

    /** Column names {@code base[ns1]}, {@code base[ns2]}, ...: one term {@code base} for {@code cox.zph}. */
    public String[] names(String base) {
        String[] out = new String[df];
        for (int j = 0; j < df; j++) {
            out[j] = base + "[ns" + (j + 1) + "]";
        }
        return out;
    }

    /**
     * The basis at each value, column-major ({@code out[j][i]} = column j at x[i]), as R's
     * {@code ns(x, df)} would give it. Each distinct value is evaluated once.
     *
     * @throws IllegalArgumentException when a value lies outside the boundary knots
     */
    public double[][] basis(double[] x) {
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        Distinct d = Distinct.of(x);
        double[] distinct = d.values;
        int u = d.size;
        double[][] values = new double[u][];
        for (int i = 0; i < u; i++) {
            double v = distinct[i];
            if (!(v >= lower && v <= upper)) {
                throw new IllegalArgumentException("x: value " + v + " lies outside the boundary knots [" + lower + ", "
                        + upper + "]");
            }
            values[i] = row(v);
        }
        double[][] out = new double[df][x.length];
        for (int i = 0; i < x.length; i++) {
            double[] r = values[Arrays.binarySearch(distinct, 0, u, x[i])];
            for (int j = 0; j < df; j++) {
                out[j][i] = r[j];
            }
        }
        return out;
    }

    private double[] row(double v) {
        double[] b = bsplines(v, 0);
        int k = b.length - 1;
        double[] y = Arrays.copyOfRange(b, 1, b.length);
        applyQt(y, k);
        return Arrays.copyOfRange(y, 2, k);
    }

    /**
     * The cubic B-splines on {@link #knots} (or their {@code deriv}-th derivative) at v, as
     * {@code splineDesign(knots, v, ord = 4, derivs = deriv)}: the interval is [t_i, t_i+1) except at the
     * upper boundary, which belongs to the last non-empty interval.
     */
    private double[] bsplines(double v, int deriv) {
        int nb = knots.length - ORDER;
        int mu = ORDER - 1;
        while (mu + 1 < knots.length - ORDER && knots[mu + 1] <= v) {
            mu++;
        }
        // order-1 splines: the indicator of interval mu; then Cox-de Boor up to order 4 - deriv, and for
        // derivatives d/dx B_i,k = (k - 1) (B_i,k-1 / (t_i+k-1 - t_i) - B_i+1,k-1 / (t_i+k - t_i+1)) above
        double[] b = new double[knots.length - 1];
        b[mu] = 1;
        for (int ord = 2; ord <= ORDER; ord++) {
            b = raise(b, ord, v, ord > ORDER - deriv);
        }
        return Arrays.copyOf(b, nb);
    }

    /** Order {@code ord} from order {@code ord - 1}: the splines themselves, or their derivative's coefficients. */
    private double[] raise(double[] prev, int ord, double v, boolean derivative) {
        double[] next = new double[knots.length - ord];
        for (int i = 0; i < next.length; i++) {
            double left = knots[i + ord - 1] - knots[i];
            double right = knots[i + ord] - knots[i + 1];
            double val = 0;
            if (left > 0) {
                val += (derivative ? ord - 1 : v - knots[i]) / left * prev[i];
            }
            if (right > 0) {
                val -= (derivative ? ord - 1 : v - knots[i + ord]) / right * prev[i + 1];
            }
            next[i] = val;
        }
        return next;
    }

    /** LINPACK dqrdc2 without pivoting (R's default qr) of an n x 2 matrix stored as rows; in place. */
    private static void householderQr(double[][] a, double[] qraux) {
        int n = a.length;
        int p = a[0].length;
        for (int l = 0; l < Math.min(n, p); l++) {
            if (l == n - 1) {
                break;
            }
            double norm = 0;
            for (int i = l; i < n; i++) {
                norm = Math.hypot(norm, a[i][l]);
            }
            if (norm == 0) {
                continue;
            }
            if (a[l][l] != 0) {
                norm = Math.copySign(norm, a[l][l]);
            }
            for (int i = l; i < n; i++) {
                a[i][l] /= norm;
            }
            a[l][l] += 1;
            for (int j = l + 1; j < p; j++) {
                double t = 0;
                for (int i = l; i < n; i++) {
                    t -= a[i][l] * a[i][j];
                }
                t /= a[l][l];
                for (int i = l; i < n; i++) {
                    a[i][j] += t * a[i][l];
                }
            }
            qraux[l] = a[l][l];
            a[l][l] = -norm;
        }
    }

    /** y := Q' y (LINPACK dqrsl, job qty), as R's {@code qr.qty}. */
    private void applyQt(double[] y, int n) {
        for (int j = 0; j < Math.min(2, n - 1); j++) {
            if (qraux[j] == 0) {
                continue;
            }
            double diag = qraux[j];
            double t = -diag * y[j];
            for (int i = j + 1; i < n; i++) {
                t -= householder[i][j] * y[i];
            }
            t /= diag;
            y[j] += t * diag;
            for (int i = j + 1; i < n; i++) {
                y[i] += t * householder[i][j];
            }
        }
    }
}
