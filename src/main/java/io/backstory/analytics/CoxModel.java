package io.backstory.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cox proportional-hazards regression matching R's {@code coxph} with its defaults: Efron's
 * handling of tied event times, Newton-Raphson from beta = 0 with step-halving, and the
 * convergence rule of {@code coxph.control} (|1 - loglik_old / loglik| <= eps, eps = 1e-9,
 * iter.max = 20).
 *
 * <p>Beyond the plain model, as R spells them:
 * <ul>
 * <li>case weights: {@code coxph(..., weights = w)};
 * <li>strata, a baseline hazard of its own per stratum: {@code + strata(therapist_id)};
 * <li>the robust (sandwich) variance, per row ({@code robust = TRUE}) or summed by cluster
 *     ({@code cluster = therapist_id}; with weights, {@code weights = w, cluster = id});
 * <li>counting-process data {@code Surv(tstart, tstop, status)} with delayed entry, weights that may differ
 *     per interval (time-varying IPCW after {@code survSplit}) and optionally covariates shared by several
 *     intervals of one subject without copying them;
 * <li>the proportional-hazards test {@code cox.zph(fit, transform)} computed with the fit.
 * </ul>
 *
 * <p>Immutable: every {@code with...} returns a new configuration. Arrays given to it are copied.
 */
public final class CoxModel {

    /**
     * With fewer clusters than this the sandwich variance is known to be too small (it is a large-sample
     * result in the number of clusters); callers should say that the robust interval is approximate.
     */
    public static final int FEW_CLUSTERS = 10;

    /** {@code coxph.control()$toler.chol}: .Machine$double.eps^0.75. */
    static final double TOLER_CHOL = Math.pow(Math.ulp(1.0), 0.75);
    /** {@code coxph.control()$iter.max}. */
    private static final int DEFAULT_MAX_ITERATIONS = 20;
    /** {@code coxph.control()$eps}: relative change of the log partial likelihood that ends Newton-Raphson. */
    private static final double DEFAULT_EPSILON = 1e-9;

    /** What the fits of this configuration are asked for; never changed once this model holds it. */
    private final Options options;

    /**
     * coxph's arguments and {@code coxph.control}. Written only on a fresh copy inside {@link #with}, before the
     * model that holds it exists, and never after: a {@code CoxModel} stays immutable, and each wither names just
     * the option it changes (an option added here is carried over by all of them).
     */
    private static final class Options implements Cloneable {
        /** Case weights per row or interval ({@code null}: unweighted). */
        double[] weights;
        /** Report the sandwich variance. */
        boolean robust;
        /** Baseline-hazard strata ({@code null}: one stratum). */
        Codes strata;
        /** What the sandwich sums over ({@code null}: each row, or each design row, its own cluster). */
        Codes clusters;
        /** The {@code cox.zph} transform ({@code null}: no test). */
        PhTransform phTest;
        int maxIterations = DEFAULT_MAX_ITERATIONS;
        double epsilon = DEFAULT_EPSILON;
        /** Working designs shared with other fits of the same analysis ({@code null}: each fit builds its own). */
        DesignCache designs;

        /** A shallow copy: the arrays and codes are never written after a wither stored them, so they are shared. */
        Options copy() {
            try {
                return (Options) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private CoxModel(Options options) {
        this.options = options;
    }

    /** This configuration with {@code change} applied to a copy of its options. */
    private CoxModel with(Consumer<Options> change) {
        Options changed = options.copy();
        change.accept(changed);
        return new CoxModel(changed);
    }

    /** Unweighted, unstratified, model-based variance, no PH test, iter.max = 20, eps = 1e-9. */
    public static CoxModel withDefaults() {
        return new CoxModel(new Options());
    }

    /**
     * Case weights, one per row of the survival data (per interval for counting-process data), finite and
     * > 0 ({@code null}: unweighted). R: {@code weights = w}.
     */
    public CoxModel withWeights(double[] w) {
        return withOwnedWeights(w == null ? null : w.clone());
    }

    /** As {@link #withWeights} without the copy: for weights the caller made for this fit and does not change. */
    CoxModel withOwnedWeights(double[] w) {
        if (w != null) {
            for (int i = 0; i < w.length; i++) {
                if (!(w[i] > 0) || !Double.isFinite(w[i])) {
                    throw new IllegalArgumentException("weights[" + i + "] must be finite and > 0, was " + w[i]);
                }
            }
        }
        return with(o -> o.weights = w);
    }

    /**
     * Report the sandwich (R's "robust se") instead of the model-based standard errors. Without clusters
     * each row is its own cluster ({@code robust = TRUE}), or each design row when intervals share one
     * (R: {@code id = id}). Turning it off also ignores clusters, as R does.
     */
    public CoxModel withRobustVariance(boolean robustVariance) {
        return with(o -> o.robust = robustVariance);
    }

    /**
     * A separate baseline hazard per stratum, one label per row of the survival data ({@code null}: one
     * stratum). R: {@code + strata(therapist_id)}. A covariate constant within every stratum is then not
     * estimable and is dropped (NA in R).
     */
    public CoxModel withStrata(int[] stratum) {
        Codes codes = stratum == null ? null : Codes.of(stratum.clone(), "strata");
        return with(o -> o.strata = codes);
    }

    /** As {@link #withStrata(int[])} with text labels (e.g. therapist codes {@code T3}). */
    public CoxModel withStrata(String[] stratum) {
        Codes codes = stratum == null ? null : Codes.of(stratum, "strata");
        return with(o -> o.strata = codes);
    }

    /**
     * Robust variance summed by cluster, one label per row of the survival data: R's
     * {@code cluster = therapist_id} (which also turns the robust variance on). {@code null} removes them.
     */
    public CoxModel withClusters(int[] cluster) {
        return withClusterCodes(cluster == null ? null : Codes.of(cluster.clone(), "clusters"));
    }

    /**
     * Strata and clusters from the same labels (R: {@code + strata(therapist_id), cluster = therapist_id}): the labels
     * are coded once, not twice (a hash lookup per row, ~1 M at a million episodes).
     */
    CoxModel withStrataAndClusters(String[] labels) {
        Codes codes = Codes.of(labels, "strata");
        return with(o -> {
            o.robust = true;
            o.strata = codes;
            o.clusters = codes;
        });
    }

    /** As {@link #withClusters(int[])} with text labels. */
    public CoxModel withClusters(String[] cluster) {
        return withClusterCodes(cluster == null ? null : Codes.of(cluster, "clusters"));
    }

    /** Clusters turn the robust variance on; removing them leaves it as it was. */
    private CoxModel withClusterCodes(Codes cluster) {
        return with(o -> {
            o.robust |= cluster != null;
            o.clusters = cluster;
        });
    }

    /**
     * Also test proportional hazards on the fitted model, R's {@code cox.zph(fit, transform)} (default
     * transform {@link PhTransform#KM}); {@code null}: no test. The result is {@link CoxResult#phTest()}.
     */
    public CoxModel withProportionalHazardsTest(PhTransform transform) {
        return with(o -> o.phTest = transform);
    }

    public CoxModel withMaxIterations(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, was " + iterations);
        }
        return with(o -> o.maxIterations = iterations);
    }

    public CoxModel withEpsilon(double eps) {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("epsilon must be finite and > 0, was " + eps);
        }
        return with(o -> o.epsilon = eps);
    }

    /**
     * Reuse working designs with the other fits of one analysis that read the same columns in the same row order
     * (the fit is the same; only the copy is saved). Configurations derived from this one keep the cache.
     */
    CoxModel withDesignCache(DesignCache cache) {
        return with(o -> o.designs = cache);
    }

    double[] weights() {
        return options.weights;
    }

    int[] strataCodes() {
        return options.strata == null ? null : options.strata.code();
    }

    int[] clusterCodes() {
        return options.clusters == null ? null : options.clusters.code();
    }

    boolean robust() {
        return options.robust;
    }

    /**
     * Right-censored data, R {@code coxph(Surv(time, status) ~ ...)}.
     *
     * @param time    follow-up time per row, finite and >= 0
     * @param event   true when the row's time is an event, false when censored
     * @param columns column-major covariates: {@code columns[j][i]} is term j for row i
     * @param names   one unique name per column
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public CoxResult fit(double[] time, boolean[] event, double[][] columns, String[] names) {
        checkTimes(time);
        return fitIntervals(null, time, event, null, columns, names);
    }

    /**
     * Counting-process data, R {@code coxph(Surv(tstart, tstop, status) ~ ...)}: row i is at risk in
     * (start[i], stop[i]] and an event at stop[i] when {@code event[i]}. A row entering at an event time is
     * not in that time's risk set.
     *
     * @param start entry time per row, finite and &lt; stop
     * @param stop  exit time per row, finite
     */
    public CoxResult fit(double[] start, double[] stop, boolean[] event, double[][] columns, String[] names) {
        checkIntervals(start, stop);
        return fitIntervals(start, stop, event, null, columns, names);
    }

    /**
     * Counting-process data whose covariates are fixed per subject: interval k takes its covariates from
     * row {@code row[k]} of {@code columns}, so a split data set (e.g. {@code survSplit} for time-varying
     * IPCW weights) needs no copy of the design per interval. Weights, strata and clusters are per interval.
     * With the robust variance and no clusters, the intervals of one row form a cluster (R:
     * {@code coxph(Surv(tstart, tstop, status) ~ ..., data = split, weights = w, id = id)}).
     *
     * @param row     for each interval, the index of its row in {@code columns} (0-based)
     * @param columns column-major covariates per subject row
     */
    public CoxResult fit(double[] start, double[] stop, boolean[] event, int[] row, double[][] columns,
                         String[] names) {
        checkIntervals(start, stop);
        if (row == null || row.length != stop.length) {
            throw new IllegalArgumentException("row must have one entry per interval (" + stop.length + ")");
        }
        return fitIntervals(start, stop, event, row, columns, names);
    }

    private CoxResult fitIntervals(double[] start, double[] stop, boolean[] event, int[] row,
                                   double[][] columns, String[] names) {
        int m = stop.length;
        int n = checkData(m, event, row, columns, names);
        int events = Columns.countTrue(event);
        Codes strata = options.strata;
        if (events == 0) {
            throw new IllegalArgumentException("event: at least one event is required to fit a Cox model");
        }

        // Large stratified data are fitted in stratum order: the risk-set scatter of one stratum then stays
        // within that stratum's few event-time slots, in cache, instead of hopping over all strata's slots.
        int[] order = strata != null && strata.count() > 1 && row == null && m >= Halves.PARALLEL_MIN_ROWS
                ? byStratum(strata) : null;
        double[] w = Columns.gather(options.weights, order);
        int[] stratumCode = Columns.gather(strataCodes(), order);
        int[] clusterCode = Columns.gather(clusterCodes(), order);
        start = Columns.gather(start, order);
        stop = Columns.gather(stop, order);
        event = Columns.gather(event, order);
        EventGroups groups = EventGroups.of(start, stop, event, stratumCode, strata == null ? 1 : strata.count(), w);
        WorkingDesign design = workingDesign(columns, names, n, row, order);

        // The risk-set sums at beta = 0: the null log-likelihood, and the information that shows which columns
        // are not estimable. coxph finds them by factoring it (cholesky2); they are dropped here before the
        // first step, which is equivalent.
        CoxLikelihood lik = new CoxLikelihood(design.x, design.covariates(), design.stride, n, row, event, w, groups);
        double loglikNull = lik.evaluate(new double[design.covariates()]);
        boolean[] drop = design.redundant(lik.imat, WorkingDesign.COLLINEAR_TOLERANCE * eventWeight(groups));
        if (drop != null) {
            // dropping compacts the rows in place: never in a design other fits read (a cached one)
            design = (options.designs != null ? design.copy() : design).without(drop);
            if (design.covariates() == 0) {
                throw new IllegalArgumentException(
                        "columns: every covariate is constant or collinear" + (strata == null ? "" : " within strata")
                                + "; nothing to estimate");
            }
            lik = new CoxLikelihood(design.x, design.covariates(), design.stride, n, row, event, w, groups);
            loglikNull = lik.evaluate(new double[design.covariates()]);
        }

        Newton fit = newtonRaphson(lik, design.covariates(), loglikNull);
        double[] score = lik.u.clone();
        double[][] naiveVar = fit.info().inverse();
        double[][] var = naiveVar;
        int clusterCount = 0;
        if (options.robust) {
            Clusters c = clusters(clusterCode, row, m, n);
            clusterCount = c.count();
            var = sandwich(naiveVar, lik.robustMeat(c.code(), c.codes()));
        }
        PhTestResult ph = options.phTest == null ? null
                : CoxZph.test(lik, groups, start, stop, options.phTest, design.keptNames(), TOLER_CHOL);

        List<ModelTerm> terms = terms(fit.beta(), var, design, names);
        List<String> warnings = new ArrayList<>(design.warnings);
        warnings.addAll(convergenceWarnings(fit, lik, infiniteTerms(fit.beta(), score, naiveVar, design, names)));
        int p = design.covariates();
        double lr = 2 * (fit.loglik() - loglikNull);
        return new CoxResult(terms, loglikNull, fit.loglik(), lr, p, Tails.chiSquareUpper(lr, p), fit.iterations(),
                fit.converged(), design.dropped, warnings, m, events, fit.scoreTest(), groups.strata, clusterCount, ph);
    }

    /** Checks the data against each other and this configuration; returns the number of design rows. */
    private int checkData(int m, boolean[] event, int[] row, double[][] columns, String[] names) {
        if (event == null || event.length != m) {
            throw new IllegalArgumentException("event must have one entry per row (" + m + ")");
        }
        if (columns == null || columns.length == 0) {
            throw new IllegalArgumentException("columns must contain at least one covariate");
        }
        int n = row == null ? m : (columns[0] == null ? 0 : columns[0].length);
        Columns.check(columns, names, n, "columns");
        if (row != null) {
            for (int k = 0; k < m; k++) {
                if (row[k] < 0 || row[k] >= n) {
                    throw new IllegalArgumentException("row[" + k + "] must be between 0 and " + (n - 1) + ", was "
                            + row[k]);
                }
            }
        }
        checkLength(options.weights == null ? null : options.weights.length, m, "weights");
        checkLength(options.strata == null ? null : options.strata.code().length, m, "strata");
        checkLength(options.clusters == null ? null : options.clusters.code().length, m, "clusters");
        return n;
    }

    /** The scaled, centred design, shared with the analysis's other fits when a cache was given. */
    private WorkingDesign workingDesign(double[][] columns, String[] names, int n, int[] row, int[] order) {
        // with a row map the weights belong to intervals, not design rows: centre unweighted (any centring
        // gives the same fit; it only keeps the cross-products well conditioned)
        double[] centring = row == null ? options.weights : null;
        if (options.designs == null) {
            return WorkingDesign.build(columns, names, n, order, centring, false);
        }
        Object rowOrder = order == null ? null : options.strata;
        WorkingDesign shared = options.designs.find(columns, names, rowOrder, centring);
        if (shared == null) {
            shared = WorkingDesign.build(columns, names, n, order, centring, false);
            options.designs.keep(columns, names, rowOrder, centring, shared);
        }
        return shared;
    }

    /**
     * The events' total weight. A scaled column's information is its risk-set variance (order 1) summed over the
     * events: one orders of magnitude below this carries none (stratified: constant within every stratum).
     */
    private static double eventWeight(EventGroups groups) {
        double eventWeight = 0;
        for (double dw : groups.deadWeight) {
            eventWeight += dw;
        }
        return eventWeight;
    }

    /**
     * Where Newton-Raphson ended: the estimate (scaled), its log-likelihood, and the information there; and the
     * score test at beta = 0, from the first step.
     */
    private record Newton(double[] beta, double loglik, int iterations, boolean converged, SymmetricSystem info,
                          double scoreTest) {
    }

    /**
     * Newton-Raphson from beta = 0, as survival's coxfit6 does it. {@code lik} has just been evaluated at beta = 0,
     * where the log-likelihood is {@code loglikNull}. A step that makes the log-likelihood worse (or not finite) is
     * halved towards the last good estimate, more each time; the fit has converged when a step changes the
     * log-likelihood by a relative {@code epsilon} at most. On return {@code lik} holds the score and information
     * at the estimate.
     */
    private Newton newtonRaphson(CoxLikelihood lik, int p, double loglikNull) {
        double[] beta = new double[p];
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
        int iterations = 0;
        int halving = 0;
        for (int iter = 1; iter <= options.maxIterations; iter++) {
            iterations = iter;
            double newLoglik = lik.evaluate(newBeta);
            info = SymmetricSystem.factor(lik.imat, TOLER_CHOL);
            boolean finite = Double.isFinite(newLoglik) && allFinite(lik.u) && allFinite(lik.imat);
            if (finite && converged(best, newLoglik)) {
                return new Newton(newBeta.clone(), newLoglik, iterations, true, info, scoreTest);
            }
            if (!finite || newLoglik < best) {
                halving++;
                halveStep(beta, newBeta, halving);
            } else {
                halving = 0;
                best = newLoglik;
                takeStep(beta, newBeta, info.solve(lik.u));
            }
        }
        // as survival 3.5's coxfit6: the last iteration still takes its step, then the fit falls
        // back to the last estimate that improved the likelihood (R then reports iter.max + 1)
        double loglik = lik.evaluate(beta);
        return new Newton(beta, loglik, iterations, false, SymmetricSystem.factor(lik.imat, TOLER_CHOL), scoreTest);
    }

    /** {@code coxph.control}'s rule: |1 - loglik_old / loglik| <= eps. */
    private boolean converged(double best, double newLoglik) {
        return Math.abs(1 - best / newLoglik) <= options.epsilon;
    }

    /** survival's step-halving, more aggressive each time it fails to improve: back towards the last good beta. */
    private static void halveStep(double[] beta, double[] newBeta, int halving) {
        for (int j = 0; j < beta.length; j++) {
            newBeta[j] = (newBeta[j] + halving * beta[j]) / (halving + 1.0);
        }
    }

    /** The step improved the likelihood: it becomes the estimate, and the next step is tried from it. */
    private static void takeStep(double[] beta, double[] newBeta, double[] step) {
        for (int j = 0; j < beta.length; j++) {
            beta[j] = newBeta[j];
            newBeta[j] += step[j];
        }
    }

    /** The clusters the sandwich sums over: their codes per interval, how many codes, and how many occur. */
    private record Clusters(int[] code, int codes, int count) {
    }

    private Clusters clusters(int[] clusterCode, int[] row, int m, int n) {
        if (clusterCode == null && row != null) {
            // the intervals of one design row form a cluster; row numbers are dense codes already
            return new Clusters(row, n, distinct(row, n));
        }
        int codes = options.clusters == null ? m : options.clusters.count();
        return new Clusters(clusterCode, codes, codes);
    }

    /** The coefficients on the columns' own scale, with their Wald intervals. */
    private static List<ModelTerm> terms(double[] beta, double[][] var, WorkingDesign design, String[] names) {
        double[] scale = design.scales;
        List<ModelTerm> terms = new ArrayList<>(beta.length);
        for (int j = 0; j < beta.length; j++) {
            terms.add(ModelTerm.wald(names[design.kept[j]], beta[j] * scale[j], Math.sqrt(var[j][j]) * scale[j]));
        }
        return terms;
    }

    /**
     * coxph's rule (toler.inf = sqrt(eps)) for a coefficient that may be infinite: the Newton step left is not
     * negligible next to the coefficient although the log-likelihood has stopped moving.
     */
    private List<String> infiniteTerms(double[] beta, double[] score, double[][] naiveVar, WorkingDesign design,
                                       String[] names) {
        int p = beta.length;
        double[] scale = design.scales;
        double tolerInf = Math.sqrt(options.epsilon);
        List<String> infinite = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double coef = beta[j] * scale[j];
            double drift = 0;
            for (int k = 0; k < p; k++) {
                drift += score[k] * naiveVar[k][j];
            }
            drift = Math.abs(drift * scale[j]);
            if ((!Double.isFinite(score[j]) || (drift > options.epsilon && drift > tolerInf * Math.abs(coef)))) {
                infinite.add(names[design.kept[j]]);
            }
        }
        return infinite;
    }

    private List<String> convergenceWarnings(Newton fit, CoxLikelihood lik, List<String> infinite) {
        List<String> warnings = new ArrayList<>();
        if (!fit.converged()) {
            warnings.add("Cox model did not converge in " + options.maxIterations
                    + " iterations; estimates are unreliable (monotone likelihood or too few events)");
            if (lik.maxEta() > 500) {
                warnings.add("one or more Cox coefficients may be infinite");
            }
        }
        if (!infinite.isEmpty()) {
            // applied also after running out of iterations so that the term is named
            warnings.add("Cox log-likelihood " + (fit.converged() ? "converged" : "stopped") + " before "
                    + String.join(", ", infinite)
                    + "; coefficient may be infinite (monotone likelihood: a group without events?)");
        }
        return warnings;
    }

    /** Rows by stratum (stable): a counting sort of the dense codes. */
    private static int[] byStratum(Codes strata) {
        int[] start = new int[strata.count() + 1];
        for (int c : strata.code()) {
            start[c + 1]++;
        }
        for (int s = 0; s < strata.count(); s++) {
            start[s + 1] += start[s];
        }
        int[] order = new int[strata.code().length];
        for (int i = 0; i < order.length; i++) {
            order[start[strata.code()[i]]++] = i;
        }
        return order;
    }

    private static int distinct(int[] codes, int count) {
        boolean[] seen = new boolean[count];
        int d = 0;
        for (int c : codes) {
            if (!seen[c]) {
                seen[c] = true;
                d++;
            }
        }
        return d;
    }

    /** The sandwich variance bread * meat * bread (the bread, the model-based variance, is symmetric). */
    private static double[][] sandwich(double[][] bread, double[][] meat) {
        return product(product(bread, meat), bread);
    }

    /** The p x p matrix product a * b, each entry summed over k in order. */
    private static double[][] product(double[][] a, double[][] b) {
        int p = a.length;
        double[][] out = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int k = 0; k < p; k++) {
                    s += a[i][k] * b[k][j];
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
        if (time == null || time.length == 0) {
            throw new IllegalArgumentException("time must contain at least one row");
        }
        for (int i = 0; i < time.length; i++) {
            if (!(time[i] >= 0) || !Double.isFinite(time[i])) {
                throw new IllegalArgumentException("time[" + i + "] must be finite and >= 0, was " + time[i]);
            }
        }
    }

    private static void checkIntervals(double[] start, double[] stop) {
        if (stop == null || stop.length == 0) {
            throw new IllegalArgumentException("stop must contain at least one row");
        }
        if (start == null || start.length != stop.length) {
            throw new IllegalArgumentException("start must have one entry per row (" + stop.length + ")");
        }
        for (int i = 0; i < stop.length; i++) {
            if (!Double.isFinite(start[i]) || !Double.isFinite(stop[i])) {
                throw new IllegalArgumentException("start[" + i + "] and stop[" + i + "] must be finite, were "
                        + start[i] + " and " + stop[i]);
            }
            if (!(start[i] < stop[i])) {
                throw new IllegalArgumentException("start[" + i + "] must be < stop[" + i + "] (an interval (start, stop]"
                        + " of positive length), was " + start[i] + " >= " + stop[i]);
            }
        }
    }

    private static void checkLength(Integer length, int m, String field) {
        if (length != null && length != m) {
            throw new IllegalArgumentException(field + " must have one entry per row of the survival data (" + m
                    + "), had " + length);
        }
    }
}
