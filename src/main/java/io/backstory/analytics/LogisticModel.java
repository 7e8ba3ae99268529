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

    private final int maxIterations;
    private final double epsilon;

    private LogisticModel(int maxIterations, double epsilon) {
        this.maxIterations = maxIterations;
        this.epsilon = epsilon;
    }

    /** {@code glm.control()} defaults: maxit = 25, epsilon = 1e-8. */
    public static LogisticModel withDefaults() {
        return new LogisticModel(25, 1e-8);
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
     * @param y       the binary outcome per row (both values must occur)
     * @param columns column-major covariates: {@code columns[j][i]} is term j for row i
     * @param names   one unique name per column
     */
    public LogisticResult fit(boolean[] y, double[][] columns, String[] names) {
        if (y == null || y.length == 0) {
            throw new IllegalArgumentException("y must contain at least one row");
        }
        int n = y.length;
        Columns.check(columns, names, n, "columns");
        int ones = 0;
        for (boolean b : y) {
            ones += b ? 1 : 0;
        }
        if (ones == 0 || ones == n) {
            throw new IllegalArgumentException("y: both outcomes must occur (had " + ones + " of " + n + " true)");
        }
        WorkingDesign design = WorkingDesign.build(columns, names, n, null, null, true);
        List<String> warnings = new ArrayList<>(design.warnings);
        int q = design.stride;
        int qq = q * (q + 1) / 2;
        double[] x = design.x;

        double[] eta = new double[n];
        double devOld = 0;
        for (int i = 0; i < n; i++) {
            double mu = y[i] ? 0.75 : 0.25;
            eta[i] = Math.log(mu / (1 - mu));
            devOld += devianceResidual(y[i], mu);
        }
        int mid = Halves.midpoint(n);
        double[][] partialInfo = new double[2][qq];
        double[][] partialRhs = new double[2][q];
        double[] partialDev = new double[2];
        double[][] info = new double[q][q];
        double[] beta = new double[q];
        double[] previous = new double[q];
        boolean converged = false;
        int iterations = 0;
        double dev = devOld;
        for (int iter = 1; iter <= maxIterations; iter++) {
            iterations = iter;
            Halves.run(n, mid, (slot, from, to) -> {
                double[] s = partialInfo[slot];
                double[] r = partialRhs[slot];
                java.util.Arrays.fill(s, 0);
                java.util.Arrays.fill(r, 0);
                for (int i = from; i < to; i++) {
                    double e = eta[i];
                    double mu = linkInverse(e);
                    double me = muEta(e);
                    double w2 = me * me / (mu * (1 - mu));
                    double z = e + ((y[i] ? 1.0 : 0.0) - mu) / me;
                    int off = i * q;
                    for (int j = 0, t = 0; j < q; j++) {
                        double wx = w2 * x[off + j];
                        r[j] += wx * z;
                        for (int k = 0; k <= j; k++) {
                            s[t++] += wx * x[off + k];
                        }
                    }
                }
            });
            double[] rhs = new double[q];
            for (int j = 0, t = 0; j < q; j++) {
                rhs[j] = partialRhs[0][j] + partialRhs[1][j];
                for (int k = 0; k <= j; k++, t++) {
                    double v = partialInfo[0][t] + partialInfo[1][t];
                    info[j][k] = v;
                    info[k][j] = v;
                }
            }
            System.arraycopy(beta, 0, previous, 0, q);
            double[] next = SymmetricSystem.factor(info, 1e-14).solve(rhs);
            System.arraycopy(next, 0, beta, 0, q);
            Halves.run(n, mid, (slot, from, to) -> {
                double d = 0;
                for (int i = from; i < to; i++) {
                    int off = i * q;
                    double e = 0;
                    for (int j = 0; j < q; j++) {
                        e += beta[j] * x[off + j];
                    }
                    eta[i] = e;
                    d += devianceResidual(y[i], linkInverse(e));
                }
                partialDev[slot] = d;
            });
            dev = partialDev[0] + partialDev[1];
            if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < epsilon) {
                converged = true;
                break;
            }
            devOld = dev;
        }
        if (!converged) {
            warnings.add("logistic model did not converge in " + maxIterations + " IRLS iterations");
        }

        boolean boundary = false;
        for (int i = 0; i < n && !boundary; i++) {
            double mu = linkInverse(eta[i]);
            boundary = mu > 1 - BOUNDARY || mu < BOUNDARY;
        }
        List<String> diverging = new ArrayList<>();
        int kept = design.covariates();
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

        double[][] covWorking = SymmetricSystem.factor(info, 1e-14).inverse();
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
        double mean = (double) ones / n;
        double nullDev = 0;
        for (int i = 0; i < n; i++) {
            nullDev += devianceResidual(y[i], mean);
        }
        return new LogisticResult(terms, dev, nullDev, iterations, converged, separation, design.dropped, warnings, n);
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
