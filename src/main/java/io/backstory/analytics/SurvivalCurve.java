package io.backstory.analytics;

import java.util.Arrays;

/**
 * A Kaplan-Meier curve as R {@code survfit(Surv(time, status) ~ 1)} reports it: one entry per distinct
 * observed time (event or censoring), the number at risk, events and censorings there, the survival
 * estimate, {@code stdErr} = Greenwood standard error of log S (survfit's {@code std.err}), and the 95 %
 * log-transformed limits. Where S reaches 0 the standard error is infinite and both limits are NaN
 * (survfit's NA). Arrays are shared, not copied, for speed on large curves: treat them as read-only.
 */
public record SurvivalCurve(double[] time, int[] nRisk, int[] nEvent, int[] nCensor,
                            double[] surv, double[] stdErr, double[] lower, double[] upper) {

    /** S(t) as a right-continuous step function; 1 before the first observed time. */
    public double survivalAt(double t) {
        int i = indexAt(t);
        return i < 0 ? 1.0 : surv[i];
    }

    /** Lower 95 % limit at t; 1 before the first observed time; NaN where S has reached 0. */
    public double lowerAt(double t) {
        int i = indexAt(t);
        return i < 0 ? 1.0 : lower[i];
    }

    /** Upper 95 % limit at t; 1 before the first observed time; NaN where S has reached 0. */
    public double upperAt(double t) {
        int i = indexAt(t);
        return i < 0 ? 1.0 : upper[i];
    }

    /**
     * The median time as R prints it for a survfit ({@code print(fit)}, {@code summary(fit)$table[, "median"]}):
     * the first time at which S drops below 0.5 + sqrt(machine eps); when S equals 0.5 there (within that
     * tolerance) and drops further later, the midpoint of that time and the next time S drops. NaN (R's NA)
     * when S never reaches 0.5.
     */
    public double median() {
        return minmin(surv, time);
    }

    /** The lower 95 % limit of the median: {@link #median()}'s rule applied to the lower limits (NaN: NA). */
    public double medianLower() {
        return minmin(lower, time);
    }

    /** The upper 95 % limit of the median: {@link #median()}'s rule applied to the upper limits (NaN: NA). */
    public double medianUpper() {
        return minmin(upper, time);
    }

    /** survival:::survmean's minmin(y, x). */
    private static double minmin(double[] y, double[] x) {
        double tolerance = Math.sqrt(Math.ulp(1.0));
        int first = -1;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i]) && y[i] < 0.5 + tolerance) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return Double.NaN;
        }
        if (Math.abs(y[first] - 0.5) < tolerance) {
            for (int i = first + 1; i < y.length; i++) {
                if (!Double.isNaN(y[i]) && y[i] < y[first]) {
                    return (x[first] + x[i]) / 2;
                }
            }
        }
        return x[first];
    }

    /** Number of observations the curve was fitted on. */
    public int n() {
        return nRisk.length == 0 ? 0 : nRisk[0];
    }

    /** Total number of events. */
    public int events() {
        int sum = 0;
        for (int e : nEvent) {
            sum += e;
        }
        return sum;
    }

    /** Index of the last time <= t, or -1 before the first time. */
    private int indexAt(double t) {
        int i = Arrays.binarySearch(time, t);
        return i >= 0 ? i : -i - 2;
    }
}
