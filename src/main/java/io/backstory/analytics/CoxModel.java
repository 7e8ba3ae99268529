package io.backstory.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * Cox proportional-hazards regression matching R's {@code coxph} with its defaults: Efron's
 * handling of tied event times, Newton-Raphson from beta = 0 with step-halving, and the
 * convergence rule of {@code coxph.control} (|1 - loglik_old / loglik| <= eps, eps = 1e-9,
 * iter.max = 20). Case weights enter the risk-set sums as in {@code coxph(weights = w)}; the robust
 * variance is coxph's {@code robust = TRUE} sandwich with each row its own cluster.
 *
 * <p>Immutable: every {@code with...} returns a new configuration.
 */
public final class CoxModel {

    /** {@code coxph.control()$toler.chol}: .Machine$double.eps^0.75. */
    private static final double TOLER_CHOL = Math.pow(Math.ulp(1.0), 0.75);

    private final double[] weights;
    private final boolean robust;
    private final int maxIterations;
    private final double epsilon;

    private CoxModel(double[] weights, boolean robust, int maxIterations, double epsilon) {
        this.weights = weights;
        this.robust = robust;
        this.maxIterations = maxIterations;
        this.epsilon = epsilon;
    }

    /** Unweighted, model-based variance, iter.max = 20, eps = 1e-9. */
    public static CoxModel withDefaults() {
        return new CoxModel(null, false, 20, 1e-9);
    }

    /** Case weights, one per row, finite and > 0 ({@code null}: unweighted). */
    public CoxModel withWeights(double[] w) {
        if (w != null) {
            for (int i = 0; i < w.length; i++) {
                if (!(w[i] > 0) || !Double.isFinite(w[i])) {
                    throw new IllegalArgumentException("weights[" + i + "] must be finite and > 0, was " + w[i]);
                }
            }
        }
        return new CoxModel(w == null ? null : w.clone(), robust, maxIterations, epsilon);
    }

    /** Report the sandwich (R's "robust se") instead of the model-based standard errors. */
    public CoxModel withRobustVariance(boolean robustVariance) {
        return new CoxModel(weights, robustVariance, maxIterations, epsilon);
    }

    public CoxModel withMaxIterations(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, was " + iterations);
        }
        return new CoxModel(weights, robust, iterations, epsilon);
    }

    public CoxModel withEpsilon(double eps) {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("epsilon must be finite and > 0, was " + eps);
        }
        return new CoxModel(weights, robust, maxIterations, eps);
    }

    /**
     * @param time    follow-up time per row, finite and >= 0
     * @param event   true when the row's time is an event, false when censored
     * @param columns column-major covariates: {@code columns[j][i]} is term j for row i
     * @param names   one unique name per column
     */
    public CoxResult fit(double[] time, boolean[] event, double[][] columns, String[] names) {
        int n = validate(time, event, columns, names);
        if (weights != null && weights.length != n) {
            throw new IllegalArgumentException("weights must have one entry per row (" + n + "), had " + weights.length);
        }
        int events = Columns.countTrue(event);
        if (events == 0) {
            throw new IllegalArgumentException("event: at least one event is required to fit a Cox model");
        }

        int[] order = RowOrder.byTime(time);
        double[] sortedTime = permute(time, order);
        boolean[] sortedEvent = permute(event, order);
        double[] sortedWeight = weights == null ? null : permute(weights, order);
        WorkingDesign design = WorkingDesign.build(columns, names, n, order, weights, false);
        order = null;
        int p = design.covariates();
        EfronLikelihood lik = new EfronLikelihood(design.x, p, sortedTime, sortedEvent, sortedWeight);
        double[] beta = new double[p];
        double loglikNull = lik.evaluate(beta);
        // coxph finds non-estimable columns by factoring the information at beta = 0 (cholesky2);
        // they are dropped here before the first step, which is equivalent
        boolean[] drop = design.redundant(lik.imat);
        if (drop != null) {
            design = design.without(drop);
            p = design.covariates();
            if (p == 0) {
                throw new IllegalArgumentException(
                        "columns: every covariate is constant or collinear; nothing to estimate");
            }
            lik = new EfronLikelihood(design.x, p, sortedTime, sortedEvent, sortedWeight);
            beta = new double[p];
            loglikNull = lik.evaluate(beta);
        }
        List<String> warnings = new ArrayList<>(design.warnings);
        SymmetricSystem info = SymmetricSystem.factor(lik.imat, TOLER_CHOL);
        double[] step = info.solve(lik.u);
        double scoreTest = 0;
        for (int j = 0; j < p; j++) {
            scoreTest += lik.u[j] * step[j];
        }
        double best = loglikNull;
        double[] newBeta = new double[p];
        for (int j = 0; j < p; j++) {
            newBeta[j] = beta[j] + step[j];
        }
        boolean converged = false;
        int iterations = 0;
        int halving = 0;
        double loglik = loglikNull;
        for (int iter = 1; iter <= maxIterations; iter++) {
            iterations = iter;
            double newLoglik = lik.evaluate(newBeta);
            info = SymmetricSystem.factor(lik.imat, TOLER_CHOL);
            boolean finite = Double.isFinite(newLoglik) && allFinite(lik.u) && allFinite(lik.imat);
            if (finite && Math.abs(1 - best / newLoglik) <= epsilon) {
                converged = true;
                loglik = newLoglik;
                beta = newBeta.clone();
                break;
            }
            if (!finite || newLoglik < best) {
                // survival's step-halving, more aggressive each time it fails to improve
                halving++;
                for (int j = 0; j < p; j++) {
                    newBeta[j] = (newBeta[j] + halving * beta[j]) / (halving + 1.0);
                }
            } else {
                halving = 0;
                best = newLoglik;
                step = info.solve(lik.u);
                for (int j = 0; j < p; j++) {
                    beta[j] = newBeta[j];
                    newBeta[j] += step[j];
                }
            }
        }
        if (!converged) {
            // as survival 3.5's coxfit6: the last iteration still takes its step, then the fit falls
            // back to the last estimate that improved the likelihood (R then reports iter.max + 1)
            loglik = lik.evaluate(beta);
            info = SymmetricSystem.factor(lik.imat, TOLER_CHOL);
        }
        double[][] var = info.inverse();
        double[] score = lik.u.clone();
        if (robust) {
            double[][] meat = lik.scoreResidualCrossProduct();
            var = sandwich(var, meat);
        }

        double[] scale = design.scales;
        List<ModelTerm> terms = new ArrayList<>(p);
        List<String> infinite = new ArrayList<>();
        double[][] naiveVar = info.inverse();
        double tolerInf = Math.sqrt(epsilon);
        for (int j = 0; j < p; j++) {
            double coef = beta[j] * scale[j];
            double se = Math.sqrt(var[j][j]) * scale[j];
            String name = names[design.kept[j]];
            terms.add(ModelTerm.wald(name, coef, se));
            double drift = 0;
            for (int k = 0; k < p; k++) {
                drift += score[k] * naiveVar[k][j];
            }
            drift = Math.abs(drift * scale[j]);
            if ((!Double.isFinite(score[j]) || (drift > epsilon && drift > tolerInf * Math.abs(coef)))) {
                infinite.add(name);
            }
        }
        if (!converged) {
            warnings.add("Cox model did not converge in " + maxIterations
                    + " iterations; estimates are unreliable (monotone likelihood or too few events)");
            double maxEta = Double.NEGATIVE_INFINITY;
            for (double e : lik.eta) {
                maxEta = Math.max(maxEta, e);
            }
            if (maxEta > 500) {
                warnings.add("one or more Cox coefficients may be infinite");
            }
        }
        if (!infinite.isEmpty()) {
            // coxph's rule (toler.inf = sqrt(eps)): the Newton step left is not negligible next to the
            // coefficient although the log-likelihood has stopped moving; applied also after running
            // out of iterations so that the term is named
            warnings.add("Cox log-likelihood " + (converged ? "converged" : "stopped") + " before "
                    + String.join(", ", infinite)
                    + "; coefficient may be infinite (monotone likelihood: a group without events?)");
        }
        double lr = 2 * (loglik - loglikNull);
        return new CoxResult(terms, loglikNull, loglik, lr, p, Tails.chiSquareUpper(lr, p), iterations, converged,
                design.dropped, warnings, n, events, scoreTest);
    }

    private static double[] permute(double[] v, int[] order) {
        double[] out = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = v[order[i]];
        }
        return out;
    }

    private static boolean[] permute(boolean[] v, int[] order) {
        boolean[] out = new boolean[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = v[order[i]];
        }
        return out;
    }

    private static double[][] sandwich(double[][] bread, double[][] meat) {
        int p = bread.length;
        double[][] tmp = new double[p][p];
        double[][] out = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int k = 0; k < p; k++) {
                    s += bread[i][k] * meat[k][j];
                }
                tmp[i][j] = s;
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int k = 0; k < p; k++) {
                    s += tmp[i][k] * bread[k][j];
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    private static boolean allFinite(double[] v) {
        for (double d : v) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allFinite(double[][] m) {
        for (double[] r : m) {
            if (!allFinite(r)) {
                return false;
            }
        }
        return true;
    }

    private static void checkTimes(double[] time) {
        for (int i = 0; i < time.length; i++) {
            if (!(time[i] >= 0) || !Double.isFinite(time[i])) {
                throw new IllegalArgumentException("time[" + i + "] must be finite and >= 0, was " + time[i]);
            }
        }
    }

    private static int validate(double[] time, boolean[] event, double[][] columns, String[] names) {
        if (time == null || time.length == 0) {
            throw new IllegalArgumentException("time must contain at least one row");
        }
        int n = time.length;
        checkTimes(time);
        if (event == null || event.length != n) {
            throw new IllegalArgumentException("event must have one entry per row (" + n + ")");
        }
        Columns.check(columns, names, n, "columns");
        if (columns.length == 0) {
            throw new IllegalArgumentException("columns must contain at least one covariate");
        }
        return n;
    }
}
