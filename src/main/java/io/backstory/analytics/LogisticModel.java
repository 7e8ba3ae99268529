package io.backstory.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * Logistic regression fitted by iteratively reweighted least squares exactly as R's
 * {@code glm(family = binomial)}: starting values mustart = (y + 0.5) / 2, R's thresholded logit
 * link (|eta| > 30 clamps), convergence when |dev - devold| / (|dev| + 0.1) < epsilon, and the
 * covariance from the weights of the last IRLS step (what {@code summary.glm} uses).
 *
 * <p>Each weighted least-squares step is solved through the normal equations of centred, scaled
 * columns (IRLS is invariant to that reparametrisation); the O(n p^2) cross-product is split over
 * two threads in fixed blocks.
 */
public final class LogisticModel {

    private static final double DBL_EPSILON = Math.ulp(1.0);
    private static final double THRESH = 30;
    /** R's glm.fit warns when a fitted probability is within 10 * .Machine$double.eps of 0 or 1. */
    private static final double BOUNDARY = 10 * DBL_EPSILON;
    /**
     * A coefficient still moving by this much (per mean absolute deviation of its column) at the
     * last step, after the deviance has settled, is heading to infinity: the deviance is flat
     * along it, the signature of (quasi-)complete separation (Albert &amp; Anderson 1984).
     */
    private static final double DIVERGING_STEP = 0.1;
    /** {@code glm.control()$maxit}. */
    private static final int DEFAULT_MAX_ITERATIONS = 25;
    /** {@code glm.control()$epsilon}: relative change of the deviance that ends the IRLS iterations. */
    private static final double DEFAULT_EPSILON = 1e-8;
    /**
     * Relative pivot below which the working information matrix counts as singular in its Cholesky
     * factor: far below glm.fit's QR tolerance (min(1e-7, epsilon / 1000)), because the columns are
     * standardised first and only exact collinearity (already removed by WorkingDesign) should stop it.
     */
    private static final double CHOLESKY_TOLERANCE = 1e-14;

    private final int maxIterations;
    private final double epsilon;

    private LogisticModel(int maxIterations, double epsilon) {
        this.maxIterations = maxIterations;
        this.epsilon = epsilon;
    }

    /** {@code glm.control()} defaults: maxit = 25, epsilon = 1e-8. */
    public static LogisticModel withDefaults() {
        return new LogisticModel(DEFAULT_MAX_ITERATIONS, DEFAULT_EPSILON);
    }

    public LogisticModel withMaxIterations(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, was " + iterations);
        }
        return new LogisticModel(iterations, epsilon);
    }

    public LogisticModel withEpsilon(double eps) {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("epsilon must be finite and > 0, was " + eps);
        }
        return new LogisticModel(maxIterations, eps);
    }

    static double linkInverse(double eta) {
        double t = eta < -THRESH ? DBL_EPSILON : (eta > THRESH ? 1 / DBL_EPSILON : Math.exp(eta));
        return t / (1 + t);
    }

    private static double muEta(double eta) {
        if (eta > THRESH || eta < -THRESH) {
            return DBL_EPSILON;
        }
        double e = Math.exp(eta);
        double op = 1 + e;
        return e / (op * op);
    }

    private static double devianceResidual(boolean y, double mu) {
        return y ? 2 * Math.log(1 / mu) : 2 * Math.log(1 / (1 - mu));
    }

    /**
     * X'WX and X'Wz of one IRLS step over rows [from, to), two rows at a time so that each
     * cross-product cell is loaded and stored once per pair. The working weight and response use
     * R's binomial()$linkinv and mu.eta (one exp shared by both).
     */
    private static void accumulate(double[] x, int q, double[] eta, boolean[] y, int from, int to, double[] s,
                                   double[] r) {
        java.util.Arrays.fill(s, 0);
        java.util.Arrays.fill(r, 0);
        int i = from;
        for (; i + 1 < to; i += 2) {
            double ea = eta[i];
            double ta = ea < -THRESH ? DBL_EPSILON : (ea > THRESH ? 1 / DBL_EPSILON : Math.exp(ea));
            double mua = ta / (1 + ta);
            double mea = ea > THRESH || ea < -THRESH ? DBL_EPSILON : ta / ((1 + ta) * (1 + ta));
            double wa = mea * mea / (mua * (1 - mua));
            double za = ea + ((y[i] ? 1.0 : 0.0) - mua) / mea;
            double eb = eta[i + 1];
            double tb = eb < -THRESH ? DBL_EPSILON : (eb > THRESH ? 1 / DBL_EPSILON : Math.exp(eb));
            double mub = tb / (1 + tb);
            double meb = eb > THRESH || eb < -THRESH ? DBL_EPSILON : tb / ((1 + tb) * (1 + tb));
            double wb = meb * meb / (mub * (1 - mub));
            double zb = eb + ((y[i + 1] ? 1.0 : 0.0) - mub) / meb;
            int oa = i * q;
            int ob = oa + q;
            for (int j = 0, t = 0; j < q; j++) {
                double wxa = wa * x[oa + j];
                double wxb = wb * x[ob + j];
                r[j] += wxa * za + wxb * zb;
                for (int k = 0; k <= j; k++) {
                    s[t++] += wxa * x[oa + k] + wxb * x[ob + k];
                }
            }
        }
        if (i < to) {
            double e = eta[i];
            double mu = linkInverse(e);
            double me = muEta(e);
            double w = me * me / (mu * (1 - mu));
            double z = e + ((y[i] ? 1.0 : 0.0) - mu) / me;
            int off = i * q;
            for (int j = 0, t = 0; j < q; j++) {
                double wx = w * x[off + j];
                r[j] += wx * z;
                for (int k = 0; k <= j; k++) {
                    s[t++] += wx * x[off + k];
                }
            }
        }
    }

    /**
     * @param y       the binary outcome per row (both values must occur)
     * @param columns column-major covariates: {@code columns[j][i]} is term j for row i
     * @param names   one unique name per column
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public LogisticResult fit(boolean[] y, double[][] columns, String[] names) {
        if (y == null || y.length == 0) {
            throw new IllegalArgumentException("y must contain at least one row");
        }
        int n = y.length;
        Columns.check(columns, names, n, "columns");
        checkOutcomes(y);
        return fit(y, WorkingDesign.build(columns, names, n, null, null, true), names);
    }

    /**
     * As {@link #fit(boolean[], double[][], String[])} on the given rows of the columns only: the same fit as on a
     * copy of those rows, without the copy (at a million episodes, ~90 MB for the model at the horizon).
     *
     * @param y    the outcome of each selected row, in the order of {@code rows}
     * @param rows rows of {@code columns}, ascending
     */
    LogisticResult fitRows(boolean[] y, double[][] columns, String[] names, int[] rows) {
        if (y == null || y.length == 0 || rows == null || rows.length != y.length) {
            throw new IllegalArgumentException("y must contain at least one row, and rows one entry per outcome");
        }
        int all = columns == null || columns.length == 0 || columns[0] == null ? 0 : columns[0].length;
        Columns.check(columns, names, all, "columns");
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= all || (i > 0 && rows[i] <= rows[i - 1])) {
                throw new IllegalArgumentException("rows[" + i + "] must be an ascending row of columns, was " + rows[i]);
            }
        }
        checkOutcomes(y);
        return fit(y, WorkingDesign.ofRows(columns, names, rows, true), names);
    }

    private static void checkOutcomes(boolean[] y) {
        int ones = Columns.countTrue(y);
        if (ones == 0 || ones == y.length) {
            throw new IllegalArgumentException("y: both outcomes must occur (had " + ones + " of " + y.length + " true)");
        }
    }

    private LogisticResult fit(boolean[] y, WorkingDesign design, String[] names) {
        int n = y.length;
        int ones = Columns.countTrue(y);
        double[] eta = new double[n];
        double devOld = startingValues(y, eta);
        double[][] info = new double[design.stride][design.stride];
        double[] rhs = weightedCrossProduct(design, eta, y, info);
        // mustart gives every row the same IRLS weight, so this first X'WX is the centred
        // cross-product: the rank check costs no extra pass
        boolean[] drop = design.redundant(info);
        if (drop != null) {
            design = design.without(drop);
            info = new double[design.stride][design.stride];
            rhs = weightedCrossProduct(design, eta, y, info);
        }
        List<String> warnings = new ArrayList<>(design.warnings);
        int q = design.stride;
        double[] beta = new double[q];
        double[] previous = new double[q];
        boolean converged = false;
        int iterations = 0;
        double dev = devOld;
        for (int iter = 1; iter <= maxIterations; iter++) {
            iterations = iter;
            if (iter > 1) {
                rhs = weightedCrossProduct(design, eta, y, info);
            }
            System.arraycopy(beta, 0, previous, 0, q);
            beta = SymmetricSystem.factor(info, CHOLESKY_TOLERANCE).solve(rhs);
            dev = linearPredictorAndDeviance(design, beta, y, eta);
            if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < epsilon) {
                converged = true;
                break;
            }
            devOld = dev;
        }
        if (!converged) {
            warnings.add("logistic model did not converge in " + maxIterations + " IRLS iterations");
        }

        boolean boundary = reachesBoundary(eta);
        List<String> diverging = new ArrayList<>();
        for (int k = 1; k < q; k++) {
            double step = beta[k] - previous[k];
            boolean growing = Math.abs(beta[k]) > Math.abs(previous[k]);
            if (iterations > 1 && growing && Math.abs(step) > DIVERGING_STEP) {
                diverging.add(names[design.kept[k - 1]]);
            }
        }
        boolean separation = boundary || !diverging.isEmpty();
        if (separation) {
            List<String> culprits = diverging.isEmpty() ? largestTerms(beta, design, names) : diverging;
            warnings.add("separation: " + (boundary ? "fitted probabilities numerically 0 or 1 occurred; " : "")
                    + "the outcome is (quasi-)perfectly predicted by " + String.join(", ", culprits)
                    + "; their coefficients and standard errors are not valid estimates");
        }

        double[][] covWorking = SymmetricSystem.factor(info, CHOLESKY_TOLERANCE).inverse();
        // back to the original columns: beta_k = b_k s_k, intercept = b_0 - sum b_k s_k m_k
        double[][] t = new double[q][q];
        t[0][0] = 1;
        for (int k = 1; k < q; k++) {
            double s = design.scales[k - 1];
            t[k][k] = s;
            t[0][k] = -s * design.means[k - 1];
        }
        double[] coef = new double[q];
        for (int i = 0; i < q; i++) {
            for (int k = 0; k < q; k++) {
                coef[i] += t[i][k] * beta[k];
            }
        }
        List<ModelTerm> terms = new ArrayList<>(q);
        for (int i = 0; i < q; i++) {
            double v = 0;
            for (int a = 0; a < q; a++) {
                if (t[i][a] == 0) {
                    continue;
                }
                for (int b = 0; b < q; b++) {
                    v += t[i][a] * covWorking[a][b] * t[i][b];
                }
            }
            String name = i == 0 ? LogisticResult.INTERCEPT : names[design.kept[i - 1]];
            terms.add(ModelTerm.wald(name, coef[i], Math.sqrt(v)));
        }
        double nullDev = nullDeviance(y, (double) ones / n);
        return new LogisticResult(terms, dev, nullDev, iterations, converged, separation, design.dropped, warnings, n);
    }

    /** X'WX (into {@code info}) and X'Wz (returned) at the current eta, over two fixed row blocks. */
    private static double[] weightedCrossProduct(WorkingDesign d, double[] eta, boolean[] y, double[][] info) {
        int q = d.stride;
        int qq = q * (q + 1) / 2;
        double[][] partialInfo = new double[2][qq];
        double[][] partialRhs = new double[2][q];
        double[] x = d.x;
        Halves.run(d.n, Halves.midpoint(d.n), (slot, from, to) ->
                accumulate(x, q, eta, y, from, to, partialInfo[slot], partialRhs[slot]));
        double[] rhs = new double[q];
        for (int j = 0, t = 0; j < q; j++) {
            rhs[j] = partialRhs[0][j] + partialRhs[1][j];
            for (int k = 0; k <= j; k++, t++) {
                double v = partialInfo[0][t] + partialInfo[1][t];
                info[j][k] = v;
                info[k][j] = v;
            }
        }
        return rhs;
    }

    /** eta = X beta (into {@code eta}); returns the binomial deviance at it. */
    private static double linearPredictorAndDeviance(WorkingDesign d, double[] beta, boolean[] y, double[] eta) {
        int q = d.stride;
        double[] x = d.x;
        double[] partialDev = new double[2];
        Halves.run(d.n, Halves.midpoint(d.n), (slot, from, to) -> {
            double dev = 0;
            for (int i = from; i < to; i++) {
                int off = i * q;
                double e = 0;
                for (int j = 0; j < q; j++) {
                    e += beta[j] * x[off + j];
                }
                eta[i] = e;
                dev += devianceResidual(y[i], linkInverse(e));
            }
            partialDev[slot] = dev;
        });
        return partialDev[0] + partialDev[1];
    }

    /** glm's binomial initialize: mustart = (y + 0.5) / 2; fills eta, returns the starting deviance. */
    private static double startingValues(boolean[] y, double[] eta) {
        double dev = 0;
        for (int i = 0; i < y.length; i++) {
            double mu = y[i] ? 0.75 : 0.25;
            eta[i] = Math.log(mu / (1 - mu));
            dev += devianceResidual(y[i], mu);
        }
        return dev;
    }

    private static boolean reachesBoundary(double[] eta) {
        for (double e : eta) {
            double mu = linkInverse(e);
            if (mu > 1 - BOUNDARY || mu < BOUNDARY) {
                return true;
            }
        }
        return false;
    }

    private static double nullDeviance(boolean[] y, double mean) {
        double dev = 0;
        for (boolean b : y) {
            dev += devianceResidual(b, mean);
        }
        return dev;
    }

    private static List<String> largestTerms(double[] beta, WorkingDesign design, String[] names) {
        double max = 0;
        for (int k = 1; k < beta.length; k++) {
            max = Math.max(max, Math.abs(beta[k]));
        }
        List<String> out = new ArrayList<>();
        for (int k = 1; k < beta.length; k++) {
            if (max > 0 && Math.abs(beta[k]) >= 0.5 * max) {
                out.add(names[design.kept[k - 1]]);
            }
        }
        return out;
    }
}
