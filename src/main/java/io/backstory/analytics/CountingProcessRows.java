package io.backstory.analytics;

/**
 * Follow-up split into intervals (start, stop] in counting-process form ({@link SurvivalSplit}: every first
 * interval starts at -1, R {@code survSplit(..., zero = -1)}), one row per interval, with a weight for each:
 * the input row it came from, its interval, whether the event happened at {@code stop} (only the last interval
 * of a row can carry it). Ready for {@link CoxModel#fit(double[], double[], boolean[], int[], double[][],
 * String[])} with {@link CoxModel#withWeights}. Arrays are shared, not copied: treat them as read-only.
 *
 * @param row    the input row (0-based) of each interval, ascending; use it to copy the covariates and as
 *               the cluster for a robust variance, since one patient now spans several rows
 * @param start  interval start (exclusive; -1 for a row's first interval)
 * @param stop   interval end (inclusive), &gt; start
 * @param event  the event happened at {@code stop}
 * @param weight the interval's weight
 */
public record CountingProcessRows(int[] row, double[] start, double[] stop, boolean[] event, double[] weight) {

    public int size() {
        return row.length;
    }
}
