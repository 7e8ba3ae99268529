package io.backstory.analytics;

import java.util.List;

/**
 * The analysis dataset read once into primitive columns, follow-up truncated at the horizon: the whole
 * cohort for the unadjusted analyses, and the complete cases' covariate columns, built once and shared by
 * every model design (primary, with visits, per factor, propensity). A million-episode analysis otherwise
 * rebuilt the same eleven covariate columns four times and copied every episode to truncate it, which cost
 * more heap and garbage collection than some of the models.
 */
final class AnalysisColumns {

    static final String[] FACTOR_NAMES = {"f_movement", "f_mobility", "f_strength", "f_recovery", "f_beliefs"};
    static final String[] COVARIATE_NAMES = {
        "age", "sex[M]", "sex[X]", "chronicity[subacute]", "chronicity[chronic]", "baseline_nprs",
        "baseline_odi", "fabq_pa", "startback[medium]", "startback[high]", "prior_episodes"};

    /**
     * The covariates for balance tables ({@link BalanceTable}): as {@link #COVARIATE_NAMES} but with every level
     * of each categorical covariate, reference levels too, so an imbalance in the reference group shows.
     */
    static final String[] BALANCE_NAMES = {
        "age", "sex[F]", "sex[M]", "sex[X]", "chronicity[acute]", "chronicity[subacute]", "chronicity[chronic]",
        "baseline_nprs", "baseline_odi", "fabq_pa", "startback[low]", "startback[medium]", "startback[high]",
        "prior_episodes"};

    /** Rows in the input. */
    final int n;
    /** min(time, horizon) per input row. */
    final double[] time;
    /** Recurred by the horizon, per input row. */
    final boolean[] event;
    /** Follow-up reached the horizon (time >= horizon before truncation), per input row. */
    final boolean[] reachedHorizon;
    final int[] breadth;
    final boolean[] multi;
    /** Recovery per input row (null: unknown or no such column). */
    final Boolean[] recovered;
    /** Therapist code per input row (null: unknown). */
    final String[] therapist;
    /** Episodes addressing each factor, in FACTOR_NAMES order. */
    final int[] factorCounts = new int[5];

    /** Input position of each complete case, ascending. */
    final int[] rowIndex;
    final double[] exposure;
    /** The input, read again for the factor columns (see {@link #factorColumns}). */
    private final List<AnalysisEpisode> episodes;
    final double[][] covariates;
    final double[] visits;
    final double[] completeTime;
    final boolean[] completeEvent;
    final boolean[] completeMulti;

    private AnalysisColumns(List<AnalysisEpisode> episodes, int n, int complete) {
        this.episodes = episodes;
        this.n = n;
        time = new double[n];
        event = new boolean[n];
        reachedHorizon = new boolean[n];
        breadth = new int[n];
        multi = new boolean[n];
        recovered = new Boolean[n];
        therapist = new String[n];
        rowIndex = new int[complete];
        exposure = new double[complete];
        covariates = new double[COVARIATE_NAMES.length][complete];
        visits = new double[complete];
        completeTime = new double[complete];
        completeEvent = new boolean[complete];
        completeMulti = new boolean[complete];
    }

    /**
     * @param horizon           follow-up is truncated here (positive infinity: not at all)
     * @param isolatedThreshold a plan is isolated when breadth <= this
     */
    static AnalysisColumns of(List<AnalysisEpisode> episodes, double horizon, int isolatedThreshold) {
        int n = episodes.size();
        int complete = 0;
        for (AnalysisEpisode e : episodes) {
            if (complete(e)) {
                complete++;
            }
        }
        AnalysisColumns c = new AnalysisColumns(episodes, n, complete);
        int k = 0;
        for (int i = 0; i < n; i++) {
            AnalysisEpisode e = episodes.get(i);
            double t = e.timeDays();
            boolean event = e.recurred() && t <= horizon;
            double truncated = Math.min(t, horizon);
            int breadth = e.breadth();
            boolean multi = breadth > isolatedThreshold;
            c.time[i] = truncated;
            c.event[i] = event;
            c.reachedHorizon[i] = t >= horizon;
            c.breadth[i] = breadth;
            c.multi[i] = multi;
            c.recovered[i] = e.recovered();
            c.therapist[i] = e.therapistId();
            if (e.movement()) c.factorCounts[0]++;
            if (e.mobility()) c.factorCounts[1]++;
            if (e.strength()) c.factorCounts[2]++;
            if (e.recovery()) c.factorCounts[3]++;
            if (e.beliefs()) c.factorCounts[4]++;
            if (!complete(e)) {
                continue;
            }
            c.rowIndex[k] = i;
            c.exposure[k] = multi ? 1 : 0;
            double[][] x = c.covariates;
            x[0][k] = e.age();
            x[1][k] = e.sex() == Sex.M ? 1 : 0;
            x[2][k] = e.sex() == Sex.X ? 1 : 0;
            x[3][k] = e.chronicity() == Chronicity.SUBACUTE ? 1 : 0;
            x[4][k] = e.chronicity() == Chronicity.CHRONIC ? 1 : 0;
            x[5][k] = e.baselineNprs();
            x[6][k] = e.baselineOdi();
            x[7][k] = e.fabqPa();
            x[8][k] = e.startBack() == StartBackRisk.MEDIUM ? 1 : 0;
            x[9][k] = e.startBack() == StartBackRisk.HIGH ? 1 : 0;
            x[10][k] = e.priorEpisodes();
            c.visits[k] = e.visits();
            c.completeTime[k] = truncated;
            c.completeEvent[k] = event;
            c.completeMulti[k] = multi;
            k++;
        }
        return c;
    }

    static boolean complete(AnalysisEpisode e) {
        return e.age() != null && e.sex() != null && e.chronicity() != null && e.baselineNprs() != null
                && e.baselineOdi() != null && e.fabqPa() != null && e.startBack() != null && e.priorEpisodes() != null;
    }

    /**
     * The complete cases' five factor flags as 0/1 columns, in {@link #FACTOR_NAMES} order, read from the input when
     * a design asks for them. Only the per-factor Cox model does, near the end of the analysis: built with the other
     * columns they held 40 MB at a million episodes through every other fit, where the 1 GiB heap has no slack
     * (docs/performance.md: the same analysis needs full collections at 960 MiB).
     */
    private double[][] factorColumns() {
        int m = rowIndex.length;
        double[][] out = new double[FACTOR_NAMES.length][m];
        for (int k = 0; k < m; k++) {
            AnalysisEpisode e = episodes.get(rowIndex[k]);
            out[0][k] = e.movement() ? 1 : 0;
            out[1][k] = e.mobility() ? 1 : 0;
            out[2][k] = e.strength() ? 1 : 0;
            out[3][k] = e.recovery() ? 1 : 0;
            out[4][k] = e.beliefs() ? 1 : 0;
        }
        return out;
    }

    /** The complete cases' {@link #BALANCE_NAMES} columns, derived from the dummy-coded covariates. */
    double[][] balanceColumns() {
        int m = rowIndex.length;
        double[][] out = new double[BALANCE_NAMES.length][];
        int b = 0;
        for (int j = 0; j < covariates.length; j++) {
            if (firstDummy(j)) {
                // each categorical covariate has three levels, two dummies: its reference level goes first
                out[b++] = reference(covariates[j], covariates[j + 1], m);
            }
            out[b++] = covariates[j];
        }
        return out;
    }

    /** Whether covariate j is the first dummy of a categorical covariate ({@code sex[M]} of {@code sex[M]}, {@code sex[X]}). */
    private static boolean firstDummy(int j) {
        String name = COVARIATE_NAMES[j];
        int bracket = name.indexOf('[');
        return bracket > 0 && (j == 0 || !COVARIATE_NAMES[j - 1].startsWith(name.substring(0, bracket + 1)));
    }

    /** The reference level's dummy: 1 where neither other level is. */
    private static double[] reference(double[] a, double[] b, int m) {
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            out[i] = 1 - a[i] - b[i];
        }
        return out;
    }

    /** A design over all complete cases; its columns are these arrays, not copies. */
    DesignMatrix design(boolean exposureColumn, boolean factorColumns, boolean visitsColumn) {
        return new DesignMatrix(names(exposureColumn, factorColumns, visitsColumn),
                columns(exposureColumn, factorColumns, visitsColumn), completeTime, completeEvent, completeMulti,
                rowIndex, n - rowIndex.length);
    }

    /**
     * The complete cases among the input rows flagged in {@code keep} (e.g. the episodes evaluable at the horizon), as
     * positions in the complete-case columns, ascending: a model fitted on these rows reads the shared columns
     * through them ({@link LogisticModel#fitRows}) instead of a compact copy of every column (~90 MB at a million).
     */
    int[] completeRows(boolean[] keep) {
        int m = 0;
        for (int r : rowIndex) {
            m += keep[r] ? 1 : 0;
        }
        int[] out = new int[m];
        for (int i = 0, o = 0; i < rowIndex.length; i++) {
            if (keep[rowIndex[i]]) {
                out[o++] = i;
            }
        }
        return out;
    }

    private static List<String> names(boolean exposureColumn, boolean factorColumns, boolean visitsColumn) {
        String[] out = new String[(exposureColumn ? (factorColumns ? 5 : 1) : 0) + COVARIATE_NAMES.length
                + (visitsColumn ? 1 : 0)];
        int j = 0;
        if (exposureColumn) {
            if (factorColumns) {
                for (String f : FACTOR_NAMES) {
                    out[j++] = f;
                }
            } else {
                out[j++] = "multifactor";
            }
        }
        for (String c : COVARIATE_NAMES) {
            out[j++] = c;
        }
        if (visitsColumn) {
            out[j] = "visits";
        }
        return List.of(out);
    }

    private double[][] columns(boolean exposureColumn, boolean factorColumns, boolean visitsColumn) {
        double[][] out = new double[(exposureColumn ? (factorColumns ? 5 : 1) : 0) + covariates.length
                + (visitsColumn ? 1 : 0)][];
        int j = 0;
        if (exposureColumn) {
            if (factorColumns) {
                for (double[] f : factorColumns()) {
                    out[j++] = f;
                }
            } else {
                out[j++] = exposure;
            }
        }
        for (double[] c : covariates) {
            out[j++] = c;
        }
        if (visitsColumn) {
            out[j] = visits;
        }
        return out;
    }
}
