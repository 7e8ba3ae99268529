package io.backstory.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Inverse probability of censoring weights (IPCW; Robins &amp; Finkelstein 2000, Biometrics 56:779; Howe et al.
 * 2016, Am J Epidemiol 183:1087) for loss to follow-up (issue 10, item 5). A patient is lost when censored
 * before the horizon without a recurrence; patients who stop answering check-ins for reasons that also
 * predict recurrence bias every estimate, and weighting the patients still followed by the inverse of their
 * probability of still being followed corrects for the part of that loss that measured factors explain.
 *
 * <p>The censoring model (the choice made here, documented in docs/analysis-json.md):
 * <ul>
 *   <li>a Cox model for the hazard of being lost, {@code coxph(Surv(time, lost) ~ multi + covariates)}
 *       (Efron ties), on the follow-up truncated at the horizon. Its time scale is time since discharge and
 *       its baseline hazard is unrestricted, so it jumps exactly at the days on which patients are lost: the
 *       days of their last answered check-in, i.e. the check-in schedule itself is in the model; a patient
 *       followed to the horizon is not lost (administrative end of follow-up);</li>
 *   <li>K(t | x) = exp(-H0(t) exp(x'b)) with the Efron baseline hazard of {@code survfit.coxph}
 *       ({@link BaselineHazard}), evaluated on intervals: follow-up is split ({@link SurvivalSplit}, R
 *       {@code survSplit(..., zero = -1)}) at every distinct day after day 0 on which someone was lost, and the
 *       interval (s, e] gets the weight 1 / K(max(s, 0) | x), which equals 1 / K(t-) for every event time t
 *       inside it because K only jumps at those days (and at day 0, before every interval's events);</li>
 *   <li>stabilised (the default) by the same model on the plan group alone, K(s | multi) / K(s | x), so that
 *       the weights average about 1 and the outcome model, which conditions on the group, stays efficient
 *       (Cole &amp; Hernán 2008).</li>
 * </ul>
 * What the dataset carries about each check-in is whether it was answered (the follow-up time); the answers
 * themselves (pain at the last check-in) are not in the analysis dataset, so they cannot enter the model.
 * IPCW therefore corrects loss explained by the plan and the baseline covariates, and cannot correct loss
 * caused by the unobserved recurrence itself; {@link LossToFollowUp} bounds that part.
 *
 * <p>The weighted outcome model is a counting-process Cox model on the returned intervals with their weights
 * and a robust variance clustered by patient ({@link CountingProcessRows#row()}). Equivalent R:
 * <pre>
 * d$lost &lt;- as.integer(d$status == 0 &amp; d$time &lt; horizon)
 * cfit &lt;- coxph(Surv(time, lost) ~ multi + covariates, data = d); nfit &lt;- coxph(Surv(time, lost) ~ multi, data = d)
 * cuts &lt;- sort(unique(d$time[d$lost == 1 &amp; d$time &gt; 0]))
 * sp &lt;- survSplit(Surv(time, status) ~ ., data = d, cut = cuts, start = "tstart", zero = -1)
 * K &lt;- function(fit, t, nd) { b &lt;- basehaz(fit, centered = FALSE)
 *   exp(-stepfun(b$time, c(0, b$hazard))(t) * exp(predict(fit, nd, type = "lp", reference = "zero"))) }
 * sp$w &lt;- K(nfit, pmax(sp$tstart, 0), sp) / K(cfit, pmax(sp$tstart, 0), sp)
 * coxph(Surv(tstart, time, status) ~ multi + covariates, data = sp, weights = w, cluster = id)
 * </pre>
 *
 * <p>Immutable: every {@code with...} returns a new configuration.
 */
public final class Ipcw {

    /** Interval weights above this signal that a few patients stand in for many lost ones. */
    public static final double EXTREME_WEIGHT = WeightRange.EXTREME;

    private final double horizon;
    private final boolean stabilised;
    private final double[] splitTimes;
    /** Working designs shared with the analysis's other Cox fits ({@code null}: none). */
    private final DesignCache designs;
    /** Whether {@link #fit} returns the weighted intervals, or only their count ({@link IpcwResult#rows()} null). */
    private final boolean keepIntervals;

    private Ipcw(double horizon, boolean stabilised, double[] splitTimes) {
        this(horizon, stabilised, splitTimes, null, true);
    }

    private Ipcw(double horizon, boolean stabilised, double[] splitTimes, DesignCache designs, boolean keepIntervals) {
        this.horizon = horizon;
        this.stabilised = stabilised;
        this.splitTimes = splitTimes;
        this.designs = designs;
        this.keepIntervals = keepIntervals;
    }

    /** Stabilised, split at every day someone was lost, no horizon (every censoring is a loss). */
    public static Ipcw withDefaults() {
        return new Ipcw(Double.POSITIVE_INFINITY, true, null);
    }

    /** Follow-up is truncated here and reaching it is the end of follow-up, not a loss. */
    public Ipcw withHorizonDays(double days) {
        if (!(days > 0)) {
            throw new IllegalArgumentException("horizon: must be > 0 days, was " + days);
        }
        return new Ipcw(days, stabilised, splitTimes, designs, keepIntervals);
    }

    public Ipcw withStabilisation(boolean stabilise) {
        return new Ipcw(horizon, stabilise, splitTimes, designs, keepIntervals);
    }

    /**
     * Split at these times (e.g. the check-in days) instead of every day someone was lost: fewer intervals on
     * a large dataset, at the price of evaluating K at the interval start when it also drops inside it
     * ({@code null}: the default).
     */
    public Ipcw withSplitTimes(double[] times) {
        if (times == null) {
            return new Ipcw(horizon, stabilised, null, designs, keepIntervals);
        }
        for (int i = 0; i < times.length; i++) {
            if (!(times[i] > 0) || !Double.isFinite(times[i])) {
                throw new IllegalArgumentException("splitTimes[" + i + "] must be finite and > 0, was " + times[i]);
            }
        }
        return new Ipcw(horizon, stabilised, Arrays.stream(times).sorted().distinct().toArray(), designs,
                keepIntervals);
    }

    /**
     * Share working designs with the analysis's other Cox fits: the censoring model (group + covariates) and the
     * outcome model read the primary model's design (see {@link DesignCache}); the fits are unchanged.
     */
    Ipcw withDesignCache(DesignCache cache) {
        return new Ipcw(horizon, stabilised, splitTimes, cache, keepIntervals);
    }

    /**
     * {@link #fit} returns only the number of intervals, not the intervals themselves: at a million episodes they
     * are ~3.5 M rows and ~115 MB that the full analysis would otherwise hold in its report until it ends.
     */
    Ipcw withoutIntervals() {
        return new Ipcw(horizon, stabilised, splitTimes, designs, false);
    }

    private CoxModel cox() {
        return designs == null ? CoxModel.withDefaults() : CoxModel.withDefaults().withDesignCache(designs);
    }

    /**
     * @param time             follow-up per row (truncated at the horizon here)
     * @param event            recurrence observed at {@code time}
     * @param multi            multi-factor plan per row
     * @param covariateColumns baseline covariates of the censoring model, column-major
     * @param covariateNames   their names
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public IpcwResult weights(double[] time, boolean[] event, boolean[] multi, double[][] covariateColumns,
                              String[] covariateNames) {
        KaplanMeier.validate(time, event);
        int n = time.length;
        if (n == 0) {
            throw new IllegalArgumentException("time must contain at least one row");
        }
        if (multi == null || multi.length != n) {
            throw new IllegalArgumentException("multi must have one entry per row (" + n + ")");
        }
        Columns.check(covariateColumns, covariateNames, n, "covariateColumns");
        double[] t = new double[n];
        boolean[] e = new boolean[n];
        boolean[] lost = new boolean[n];
        int lostCount = 0;
        for (int i = 0; i < n; i++) {
            if (time[i] < 0) {
                throw new IllegalArgumentException("time[" + i + "] must be >= 0, was " + time[i]);
            }
            t[i] = Math.min(time[i], horizon);
            e[i] = event[i] && time[i] <= horizon;
            lost[i] = !e[i] && t[i] < horizon;
            lostCount += lost[i] ? 1 : 0;
        }
        List<String> warnings = new ArrayList<>();
        double[] group = new double[n];
        for (int i = 0; i < n; i++) {
            group[i] = multi[i] ? 1 : 0;
        }
        CoxResult censoring = null;
        CoxResult numerator = null;
        double[] lpFull = null;
        double[] lpGroup = null;
        BaselineHazard full = null;
        BaselineHazard reduced = null;
        if (lostCount > 0) {
            double[][] columns = new double[covariateColumns.length + 1][];
            String[] names = new String[covariateColumns.length + 1];
            columns[0] = group;
            names[0] = "multifactor";
            System.arraycopy(covariateColumns, 0, columns, 1, covariateColumns.length);
            System.arraycopy(covariateNames, 0, names, 1, covariateNames.length);
            censoring = cox().fit(t, lost, columns, names);
            for (String w : censoring.warnings()) {
                warnings.add("censoring model: " + w);
            }
            lpFull = linearPredictor(censoring, columns, names);
            full = BaselineHazard.efron(t, lost, lpFull);
            if (stabilised) {
                numerator = cox().fit(t, lost, new double[][] {group}, new String[] {"multifactor"});
                lpGroup = linearPredictor(numerator, new double[][] {group}, new String[] {"multifactor"});
                reduced = BaselineHazard.efron(t, lost, lpGroup);
            }
        }
        double[] cuts = splitTimes != null ? splitTimes : lostTimes(t, lost);
        SurvivalSplit split = SurvivalSplit.of(t, e, cuts);
        int[] row = split.row();
        int[] period = split.period();
        double[] weight = new double[split.intervals()];
        // Every interval of period q starts at the same time, so H(start) is looked up once per period (not by a
        // binary search per interval), and exp(lp) once per row; the products are the same as survival(start, lp)'s.
        double[] hFull = null;
        double[] hReduced = null;
        if (full != null) {
            hFull = new double[split.periods()];
            hReduced = new double[split.periods()];
            for (int q = 0; q < hFull.length; q++) {
                // the first interval starts before 0 (SurvivalSplit.ORIGIN); follow-up, and K, start at 0
                double s = q == 0 ? 0 : cuts[q - 1];
                hFull[q] = full.cumulativeAt(s);
                hReduced[q] = reduced == null ? 0 : reduced.cumulativeAt(s);
            }
        }
        int riskRow = -1;
        double riskFull = 0;
        double riskReduced = 0;
        for (int k = 0; k < weight.length; k++) {
            double w = 1;
            if (full != null) {
                int i = row[k];
                if (i != riskRow) {
                    riskRow = i;
                    riskFull = full.relativeRisk(lpFull[i]);
                    riskReduced = reduced == null ? 0 : reduced.relativeRisk(lpGroup[i]);
                }
                int q = period[k];
                w = (reduced != null ? BaselineHazard.survivalFrom(hReduced[q], riskReduced) : 1)
                        / BaselineHazard.survivalFrom(hFull[q], riskFull);
            }
            weight[k] = w;
        }
        WeightRange range = WeightRange.of(weight);
        if (range.extreme()) {
            warnings.add(String.format(Locale.ROOT, "extreme censoring weights (max %.1f): a few patients still "
                    + "followed stand in for many lost ones", range.max()));
        }
        return new IpcwResult(censoring, numerator, cuts,
                new CountingProcessRows(row, split.start(), split.stop(), split.event(), weight), weight.length, lostCount,
                range.min(), range.max(), range.mean(), null, warnings);
    }

    /**
     * The weights, then the IPCW-weighted outcome model: a counting-process Cox model on the weighted intervals
     * with the robust variance clustered by patient, R {@code coxph(Surv(tstart, time, status) ~ model, data = sp,
     * weights = w, cluster = id)}. The model's columns are per input row (e.g. the primary model's design:
     * {@code multifactor} and the covariates); the intervals take theirs from their row.
     */
    public IpcwResult fit(double[] time, boolean[] event, boolean[] multi, double[][] covariateColumns,
                          String[] covariateNames, double[][] modelColumns, String[] modelNames) {
        IpcwResult w = weights(time, event, multi, covariateColumns, covariateNames);
        CountingProcessRows r = w.rows();
        // the weights were made here for this fit: no defensive copy (28 MB at a million episodes)
        CoxResult outcome = cox().withOwnedWeights(r.weight()).withRobustVariance(true)
                .fit(r.start(), r.stop(), r.event(), r.row(), modelColumns, modelNames);
        List<String> warnings = new ArrayList<>(w.warnings());
        for (String m : outcome.warnings()) {
            warnings.add("IPCW-weighted Cox model: " + m);
        }
        return new IpcwResult(w.censoringModel(), w.numeratorModel(), w.splitTimes(), keepIntervals ? r : null,
                w.intervals(), w.lost(), w.minWeight(),
                w.maxWeight(), w.meanWeight(), outcome, warnings);
    }

    /** The days on which someone was lost; a loss at day 0 splits nothing (no interval starts before 0). */
    private static double[] lostTimes(double[] t, boolean[] lost) {
        return java.util.stream.IntStream.range(0, t.length).filter(i -> lost[i] && t[i] > 0).mapToDouble(i -> t[i])
                .sorted().distinct().toArray();
    }

    /** x'b with the fitted coefficients; a dropped (collinear) term counts 0, as R's NA coefficient does. */
    private static double[] linearPredictor(CoxResult fit, double[][] columns, String[] names) {
        int n = columns[0].length;
        double[] lp = new double[n];
        for (int j = 0; j < columns.length; j++) {
            if (fit.droppedTerms().contains(names[j])) {
                continue;
            }
            double b = fit.term(names[j]).coef();
            double[] x = columns[j];
            for (int i = 0; i < n; i++) {
                lp[i] += b * x[i];
            }
        }
        return lp;
    }
}
