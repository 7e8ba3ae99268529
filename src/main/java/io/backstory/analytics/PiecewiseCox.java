package io.backstory.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * A hazard ratio that may differ before and after a cut in follow-up time: when the proportional-hazards
 * test fails for the exposure, this tells "the plan delays recurrence" (a lower hazard early only) from "the
 * plan prevents it" (lower throughout). Equivalent R, for one cut at 90 days:
 * <pre>
 * s &lt;- survSplit(Surv(time, status) ~ ., data = d, cut = 90, episode = "period", id = "id")
 * coxph(Surv(tstart, time, status) ~ plan:strata(period) + covariates, data = s)
 * </pre>
 * ({@code plan:strata(period)} does not stratify: it gives the plan one coefficient per period, named here
 * {@code plan[t<=90]} and {@code plan[t>90]}.) Every other covariate keeps one coefficient and the baseline
 * hazard is shared. Follow-up is split at each cut it passes (a time equal to a cut is not split); only the
 * last piece carries the event. Weights, strata and clusters of the model are given per original row and
 * follow its pieces; a robust variance without clusters is clustered by original row (R: {@code cluster = id}).
 * Rows with time 0 stay in the first period (R's {@code survSplit} needs {@code zero = -1} for them).
 *
 * <p>Immutable: every {@code with...} returns a new configuration.
 */
public final class PiecewiseCox {

    /** Default cut: 90 days after discharge, about the first quarter of the one-year horizon. */
    public static final double DEFAULT_CUT = 90;

    private final double[] cuts;
    private final CoxModel model;

    private PiecewiseCox(double[] cuts, CoxModel model) {
        this.cuts = cuts;
        this.model = model;
    }

    /** One cut at {@link #DEFAULT_CUT} days, {@link CoxModel#withDefaults()}. */
    public static PiecewiseCox withDefaults() {
        return new PiecewiseCox(new double[] {DEFAULT_CUT}, CoxModel.withDefaults());
    }

    /** Cut points, finite, > 0 and strictly increasing; k cuts give k + 1 periods. */
    public PiecewiseCox withCuts(double... cutPoints) {
        if (cutPoints == null || cutPoints.length == 0) {
            throw new IllegalArgumentException("cuts must contain at least one time");
        }
        for (int i = 0; i < cutPoints.length; i++) {
            if (!(cutPoints[i] > 0) || !Double.isFinite(cutPoints[i])) {
                throw new IllegalArgumentException("cuts[" + i + "] must be finite and > 0, was " + cutPoints[i]);
            }
            if (i > 0 && !(cutPoints[i] > cutPoints[i - 1])) {
                throw new IllegalArgumentException("cuts[" + i + "] must be greater than cuts[" + (i - 1) + "], was "
                        + cutPoints[i]);
            }
        }
        return new PiecewiseCox(cutPoints.clone(), model);
    }

    /** The Cox model to fit (weights, strata, clusters per original row; iteration settings). */
    public PiecewiseCox withModel(CoxModel coxModel) {
        if (coxModel == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        return new PiecewiseCox(cuts, coxModel);
    }

    /**
     * @param time    follow-up per row, finite and >= 0
     * @param event   event at {@code time}
     * @param columns column-major covariates, one of them the term whose hazard ratio is split
     * @param names   unique column names
     * @param term    the name of the column to split (e.g. {@code multifactor})
     */
    public PiecewiseCoxResult fit(double[] time, boolean[] event, double[][] columns, String[] names, String term) {
        if (time == null || time.length == 0) {
            throw new IllegalArgumentException("time must contain at least one row");
        }
        int n = time.length;
        for (int i = 0; i < n; i++) {
            if (!(time[i] >= 0) || !Double.isFinite(time[i])) {
                throw new IllegalArgumentException("time[" + i + "] must be finite and >= 0, was " + time[i]);
            }
        }
        if (event == null || event.length != n) {
            throw new IllegalArgumentException("event must have one entry per row (" + n + ")");
        }
        Columns.check(columns, names, n, "columns");
        int split = List.of(names).indexOf(term);
        if (split < 0) {
            throw new IllegalArgumentException("term: no column called '" + term + "'; columns are " + List.of(names));
        }
        int periods = cuts.length + 1;
        int m = 0;
        for (double t : time) {
            m += 1 + passed(t);
        }
        double[] start = new double[m];
        double[] stop = new double[m];
        boolean[] ev = new boolean[m];
        int[] origin = new int[m];
        int[] period = new int[m];
        for (int i = 0, k = 0; i < n; i++) {
            int last = passed(time[i]);
            for (int q = 0; q <= last; q++, k++) {
                // the first piece starts before any follow-up time (R: zero = -1 when some time is 0)
                start[k] = q == 0 ? -1 : cuts[q - 1];
                stop[k] = q == last ? time[i] : cuts[q];
                ev[k] = q == last && event[i];
                origin[k] = i;
                period[k] = q;
            }
        }
        int p = columns.length;
        double[][] splitColumns = new double[p - 1 + periods][];
        String[] splitNames = new String[p - 1 + periods];
        int c = 0;
        for (int j = 0; j < p; j++) {
            if (j == split) {
                for (int q = 0; q < periods; q++) {
                    double[] col = new double[m];
                    for (int k = 0; k < m; k++) {
                        col[k] = period[k] == q ? columns[j][origin[k]] : 0.0;
                    }
                    splitColumns[c] = col;
                    splitNames[c++] = term + "[" + periodLabel(q) + "]";
                }
            } else {
                double[] col = new double[m];
                for (int k = 0; k < m; k++) {
                    col[k] = columns[j][origin[k]];
                }
                splitColumns[c] = col;
                splitNames[c++] = names[j];
            }
        }
        CoxModel expanded = model.withWeights(expand(model.weights(), origin))
                .withStrata(expand(model.strataCodes(), origin));
        int[] clusters = model.clusterCodes();
        if (clusters != null) {
            expanded = expanded.withClusters(expand(clusters, origin));
        } else if (model.robust()) {
            expanded = expanded.withClusters(origin);
        }
        CoxResult fit = expanded.fit(start, stop, ev, splitColumns, splitNames);
        List<ModelTerm> byPeriod = new ArrayList<>();
        List<Double> cutList = new ArrayList<>();
        for (double cut : cuts) {
            cutList.add(cut);
        }
        for (int q = 0; q < periods; q++) {
            String name = term + "[" + periodLabel(q) + "]";
            byPeriod.add(fit.terms().stream().filter(t -> t.name().equals(name)).findFirst()
                    .orElse(new ModelTerm(name, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                            Double.NaN, Double.NaN)));
        }
        return new PiecewiseCoxResult(term, cutList, byPeriod, fit);
    }

    /** Number of cuts strictly before t: the index of the period t ends in. */
    private int passed(double t) {
        int q = 0;
        while (q < cuts.length && cuts[q] < t) {
            q++;
        }
        return q;
    }

    /** {@code t<=90}, {@code 90<t<=180}, {@code t>180}. */
    private String periodLabel(int q) {
        if (q == 0) {
            return "t<=" + number(cuts[0]);
        }
        if (q == cuts.length) {
            return "t>" + number(cuts[q - 1]);
        }
        return number(cuts[q - 1]) + "<t<=" + number(cuts[q]);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static double[] expand(double[] perRow, int[] origin) {
        if (perRow == null) {
            return null;
        }
        double[] out = new double[origin.length];
        for (int k = 0; k < origin.length; k++) {
            out[k] = perRow[origin[k]];
        }
        return out;
    }

    private static int[] expand(int[] perRow, int[] origin) {
        if (perRow == null) {
            return null;
        }
        int[] out = new int[origin.length];
        for (int k = 0; k < origin.length; k++) {
            out[k] = perRow[origin[k]];
        }
        return out;
    }
}
