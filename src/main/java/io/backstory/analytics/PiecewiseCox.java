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
        return new PiecewiseCox(SurvivalSplit.checkCuts(cutPoints), model);
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
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public PiecewiseCoxResult fit(double[] time, boolean[] event, double[][] columns, String[] names, String term) {
        SurvivalSplit split = SurvivalSplit.of(time, event, cuts);
        int n = time.length;
        Columns.check(columns, names, n, "columns");
        int termColumn = List.of(names).indexOf(term);
        if (termColumn < 0) {
            throw new IllegalArgumentException("term: no column called '" + term + "'; columns are " + List.of(names));
        }
        int periods = split.periods();
        int m = split.intervals();
        int[] origin = split.row();
        int[] period = split.period();
        int p = columns.length;
        double[][] splitColumns = new double[p - 1 + periods][];
        String[] splitNames = new String[p - 1 + periods];
        int c = 0;
        for (int j = 0; j < p; j++) {
            if (j != termColumn) {
                splitColumns[c] = split.expand(columns[j]);
                splitNames[c++] = names[j];
                continue;
            }
            for (int q = 0; q < periods; q++) {
                double[] col = new double[m];
                for (int k = 0; k < m; k++) {
                    col[k] = period[k] == q ? columns[j][origin[k]] : 0.0;
                }
                splitColumns[c] = col;
                splitNames[c++] = term + "[" + periodLabel(q) + "]";
            }
        }
        CoxModel expanded = model.withWeights(split.expand(model.weights()))
                .withStrata(split.expand(model.strataCodes()));
        int[] clusters = model.clusterCodes();
        if (clusters != null) {
            expanded = expanded.withClusters(split.expand(clusters));
        } else if (model.robust()) {
            expanded = expanded.withClusters(origin);
        }
        CoxResult fit = expanded.fit(split.start(), split.stop(), split.event(), splitColumns, splitNames);
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
}
