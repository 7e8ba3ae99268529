package io.backstory.analytics;

/**
 * Follow-up split into intervals (start, stop] in counting-process form, one row per interval, as R's
 * {@code survSplit} makes them: the input row it came from, its interval, whether the event happened at
 * {@code stop} (only the last interval of a row can carry it), and a weight for the interval. Arrays are
 * shared, not copied: treat them as read-only.
 *
 * @param row    the input row (0-based) of each interval, ascending; use it to copy the covariates and as
 *               the cluster for a robust variance, since one patient now spans several rows
 * @param start  interval start (exclusive)
 * @param stop   interval end (inclusive), &gt; start
 * @param event  the event happened at {@code stop}
 * @param weight the interval's weight
 */
public record CountingProcessRows(int[] row, double[] start, double[] stop, boolean[] event, double[] weight) {

    public int size() {
        return row.length;
    }
}
