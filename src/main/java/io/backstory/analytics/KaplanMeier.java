package io.backstory.analytics;

import java.util.Arrays;

/**
 * Kaplan-Meier estimator with Greenwood's variance and the log-transformed 95 % interval, the defaults of
 * R {@code survfit(Surv(time, status) ~ 1)} (conf.type = "log"): limits S exp(-/+ 1.96 se(log S)), the upper
 * one capped at 1.
 *
 * <p>Two primitive sorts (all times, event times) and one merge walk: O(n log n) with no boxing, so a
 * million episodes take well under a second. Times are compared exactly; survfit additionally merges
 * times that differ only by floating-point noise ({@code timefix = TRUE}), which whole-day follow-up
 * times never need.
 */
public final class KaplanMeier {

    private static final double Z95 = WilsonInterval.zFor(0.95);

    private KaplanMeier() {
    }

    /**
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public static SurvivalCurve fit(double[] time, boolean[] event) {
        validate(time, event);
        double[] all = time.clone();
        Arrays.sort(all);
        return build(all, eventTimes(time, event, false));
    }

    /**
     * Same as {@link #fit} for input already sorted by ascending time (e.g. from a database ORDER BY),
     * skipping the sorts; sortedness is checked.
     */
    public static SurvivalCurve fitSorted(double[] time, boolean[] event) {
        validate(time, event);
        for (int i = 1; i < time.length; i++) {
            if (time[i] < time[i - 1]) {
                throw new IllegalArgumentException("time must be sorted ascending for fitSorted, but time[" + i
                        + "] = " + time[i] + " < time[" + (i - 1) + "] = " + time[i - 1]);
            }
        }
        return build(time, eventTimes(time, event, true));
    }

    private static double[] eventTimes(double[] time, boolean[] event, boolean sorted) {
        int count = 0;
        for (boolean e : event) {
            if (e) {
                count++;
            }
        }
        double[] out = new double[count];
        int j = 0;
        for (int i = 0; i < time.length; i++) {
            if (event[i]) {
                out[j++] = time[i];
            }
        }
        if (!sorted) {
            Arrays.sort(out);
        }
        return out;
    }

    private static SurvivalCurve build(double[] all, double[] events) {
        int n = all.length;
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                distinct++;
            }
        }
        double[] t = new double[distinct];
        int[] nRisk = new int[distinct];
        int[] nEvent = new int[distinct];
        int[] nCensor = new int[distinct];
        double[] surv = new double[distinct];
        double[] se = new double[distinct];
        double[] lower = new double[distinct];
        double[] upper = new double[distinct];

        double s = 1.0;
        double greenwood = 0.0;
        int i = 0;
        int e = 0;
        for (int k = 0; k < distinct; k++) {
            double tk = all[i];
            int atRisk = n - i;
            int total = 0;
            while (i < n && all[i] == tk) {
                i++;
                total++;
            }
            int d = 0;
            while (e < events.length && events[e] == tk) {
                e++;
                d++;
            }
            if (d > 0) {
                s *= 1.0 - (double) d / atRisk;
                greenwood += (double) d / ((double) atRisk * (atRisk - d));
            }
            t[k] = tk;
            nRisk[k] = atRisk;
            nEvent[k] = d;
            nCensor[k] = total - d;
            surv[k] = s;
            double sek = Math.sqrt(greenwood);
            se[k] = sek;
            if (s > 0) {
                lower[k] = s * Math.exp(-Z95 * sek);
                upper[k] = Math.min(1.0, s * Math.exp(Z95 * sek));
            } else {
                lower[k] = Double.NaN;
                upper[k] = Double.NaN;
            }
        }
        return new SurvivalCurve(t, nRisk, nEvent, nCensor, surv, se, lower, upper);
    }

    /**
     * The weighted Kaplan-Meier estimate S(t) = prod over event times u &lt;= t of (1 - d_w(u) / n_w(u)), with
     * d_w and n_w the summed weights of the events at u and of the rows at risk at u, as R's
     * {@code survfit(Surv(time, status) ~ 1, weights = w)} computes it (e.g. an IPTW-standardised curve).
     *
     * @param weights one per row, finite and &gt;= 0
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public static double weightedSurvivalAt(double[] time, boolean[] event, double[] weights, double t) {
        validate(time, event);
        if (weights == null || weights.length != time.length) {
            throw new IllegalArgumentException("weights must have one entry per row (" + time.length + ")");
        }
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("weights[" + i + "] must be finite and >= 0, was " + weights[i]);
            }
        }
        int[] order = RowOrder.byTime(time);
        double atRisk = 0;
        for (double w : weights) {
            atRisk += w;
        }
        double s = 1;
        int i = 0;
        int n = time.length;
        while (i < n && time[order[i]] <= t) {
            double tk = time[order[i]];
            double d = 0;
            double leaving = 0;
            while (i < n && time[order[i]] == tk) {
                int r = order[i++];
                leaving += weights[r];
                if (event[r]) {
                    d += weights[r];
                }
            }
            if (d > 0) {
                s *= 1 - d / atRisk;
            }
            atRisk -= leaving;
        }
        return s;
    }

    static void validate(double[] time, boolean[] event) {
        if (time == null || event == null) {
            throw new IllegalArgumentException("time and event must not be null");
        }
        if (time.length != event.length) {
            throw new IllegalArgumentException("time and event must have the same length, were "
                    + time.length + " and " + event.length);
        }
        for (int i = 0; i < time.length; i++) {
            if (!Double.isFinite(time[i])) {
                throw new IllegalArgumentException("time[" + i + "] must be a finite number, was " + time[i]);
            }
        }
    }
}
