package io.backstory.analytics;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/**
 * The prespecified model covariates of DESIGN §4 as numeric columns, complete cases only.
 *
 * <p>Columns, in this order: the exposure ({@code multifactor}, or with {@link Terms#FACTOR_COLUMNS} the five
 * {@code f_movement} ... {@code f_beliefs}), then {@code age}, {@code sex[M]}, {@code sex[X]},
 * {@code chronicity[subacute]}, {@code chronicity[chronic]}, {@code baseline_nprs}, {@code baseline_odi},
 * {@code fabq_pa}, {@code startback[medium]}, {@code startback[high]}, {@code prior_episodes}, and with
 * {@link Terms#WITH_VISITS} {@code visits} last. Categorical covariates use treatment coding against the first
 * level (sex F, chronicity acute, STarT Back low), as R's default contrasts, so coefficients read as
 * "compared with the reference group". Names follow R's {@code factor[level]} style.
 *
 * <p>A level absent from the data still gets its (all-zero) column: which columns are estimable is the
 * model's decision, and keeping the layout fixed keeps reports comparable across clinics.
 *
 * <p>Storage is column-major ({@code columns()[j][i]} = term j, row i) because the model fits loop over
 * columns in their inner products. Arrays are shared, not copied: treat them as read-only.
 */
public final class DesignMatrix {

    /** Variations on the primary model. */
    public enum Terms {
        /** Replace {@code multifactor} by the five factor indicators (which factor matters?). */
        FACTOR_COLUMNS,
        /** Add {@code visits} (is it breadth or just more visits?). */
        WITH_VISITS,
        /**
         * Add visits as a natural cubic spline, R's {@code ns(visits, df = 3)}: columns {@code visits[ns1]},
         * {@code visits[ns2]}, {@code visits[ns3]} ({@link NaturalSpline}), so that recurrence may depend on
         * the dose in any smooth way. Wins over {@link #WITH_VISITS} when both are given. With a single visit
         * count in the data the three columns are zero (dropped by the models as constant).
         */
        WITH_VISITS_SPLINE,
        /** Leave the exposure out: the covariates of the propensity model for IPTW. */
        WITHOUT_EXPOSURE
    }

    /** Default isolated-plan threshold of DESIGN §1: isolated = breadth <= 1. */
    public static final int DEFAULT_ISOLATED_THRESHOLD = 1;

    /** Visits spline degrees of freedom: {@code ns(visits, df = 3)}. */
    public static final int VISITS_SPLINE_DF = 3;

    private final List<String> names;
    private final double[][] columns;
    private final double[] time;
    private final boolean[] event;
    private final boolean[] multifactor;
    private final int[] rowIndex;
    private final int excludedCount;

    DesignMatrix(List<String> names, double[][] columns, double[] time, boolean[] event,
                         boolean[] multifactor, int[] rowIndex, int excludedCount) {
        this.names = names;
        this.columns = columns;
        this.time = time;
        this.event = event;
        this.multifactor = multifactor;
        this.rowIndex = rowIndex;
        this.excludedCount = excludedCount;
    }

    /**
     * The primary design with the default isolated threshold (breadth <= 1 is isolated).
     *
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public static DesignMatrix of(List<AnalysisEpisode> episodes, Terms... terms) {
        return of(episodes, DEFAULT_ISOLATED_THRESHOLD, terms);
    }

    /**
     * @param isolatedThreshold a plan is isolated when breadth <= this (0..4); multi-factor otherwise
     */
    public static DesignMatrix of(List<AnalysisEpisode> episodes, int isolatedThreshold, Terms... terms) {
        if (episodes == null) {
            throw new IllegalArgumentException("episodes must not be null");
        }
        if (isolatedThreshold < 0 || isolatedThreshold > 4) {
            throw new IllegalArgumentException("isolatedThreshold must be between 0 and 4, was " + isolatedThreshold);
        }
        EnumSet<Terms> set = EnumSet.noneOf(Terms.class);
        set.addAll(Arrays.asList(terms));
        boolean exposure = !set.contains(Terms.WITHOUT_EXPOSURE);
        boolean spline = set.contains(Terms.WITH_VISITS_SPLINE);
        AnalysisColumns data = AnalysisColumns.of(episodes, Double.POSITIVE_INFINITY, isolatedThreshold);
        DesignMatrix design = data.design(exposure, exposure && set.contains(Terms.FACTOR_COLUMNS),
                !spline && set.contains(Terms.WITH_VISITS));
        return spline ? design.withVisitsSpline(data.visits) : design;
    }

    /**
     * This design with {@code ns(visits, df = 3)} appended ({@link Terms#WITH_VISITS_SPLINE}).
     *
     * @param visits visits per row of this design
     */
    DesignMatrix withVisitsSpline(double[] visits) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : visits) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        String[] splineNames = {"visits[ns1]", "visits[ns2]", "visits[ns3]"};
        double[][] basis = max > min ? NaturalSpline.of(visits, VISITS_SPLINE_DF).basis(visits)
                : new double[VISITS_SPLINE_DF][visits.length];
        List<String> allNames = new java.util.ArrayList<>(names);
        allNames.addAll(List.of(splineNames));
        double[][] all = Arrays.copyOf(columns, columns.length + VISITS_SPLINE_DF);
        System.arraycopy(basis, 0, all, columns.length, VISITS_SPLINE_DF);
        return new DesignMatrix(List.copyOf(allNames), all, time, event, multifactor, rowIndex, excludedCount);
    }

    /** Term names, one per column. */
    public List<String> names() {
        return names;
    }

    /** Column-major values: {@code columns()[term][row]}, p x n. */
    public double[][] columns() {
        return columns;
    }

    /** The column of the named term. */
    public double[] column(String name) {
        int j = names.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("no term named '" + name + "'; terms are " + names);
        }
        return columns[j];
    }

    /** Number of terms (columns). */
    public int termCount() {
        return columns.length;
    }

    /** Number of complete-case rows kept. */
    public int rows() {
        return time.length;
    }

    /** Episodes left out because a covariate was missing. */
    public int excludedCount() {
        return excludedCount;
    }

    /** Follow-up time of each kept row, days. */
    public double[] time() {
        return time;
    }

    /** Whether each kept row recurred. */
    public boolean[] event() {
        return event;
    }

    /** Exposure of each kept row (multi-factor plan), present even when the exposure column is left out. */
    public boolean[] multifactor() {
        return multifactor;
    }

    /** Position of each kept row in the input list. */
    public int[] rowIndex() {
        return rowIndex;
    }
}
