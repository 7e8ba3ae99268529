package io.backstory.analytics;

import java.util.Arrays;

/**
 * The event times of a Cox model, grouped once because the coefficients never change them: one slot per
 * distinct event time of each stratum (tied deaths share it), and below each stratum's first event time a
 * sentinel slot that stands for "before any event". Slots of stratum s are {@code base[s]} (the sentinel)
 * to {@code base[s + 1] - 1}, in ascending time.
 *
 * <p>Each interval (start, stop] is mapped to two slots of its stratum: {@code gStop}, the last event time
 * &lt;= stop, and {@code gStart}, the last event time &lt;= start (the sentinel for right-censored data). The
 * interval is then at risk at slot g exactly when {@code gStart < g <= gStop}: delayed entry is handled by
 * construction, and an interval that enters at an event time is not in that time's risk set, as in
 * survival's agfit4.c. An interval with {@code gStart == gStop} spans no event time and is ignored (R's
 * agreg.fit drops it too).
 */
final class EventGroups {

    final int strata;
    final int slots;
    /** Sentinel slot of each stratum; {@code base[strata] == slots}. */
    final int[] base;
    /** Event time of each slot (negative infinity for sentinels). */
    final double[] time;
    /** Deaths at each slot (0 for sentinels). */
    final int[] deaths;
    /** Summed case weight of those deaths. */
    final double[] deadWeight;
    /** Per interval: last slot of its stratum with time &lt;= stop. */
    final int[] gStop;
    /** Per interval: last slot of its stratum with time &lt;= start (its sentinel without entry times). */
    final int[] gStart;
    /** Whether intervals have entry times (counting-process data). */
    final boolean entry;
    final int events;

    private EventGroups(int strata, int[] base, double[] time, int[] deaths, double[] deadWeight, int[] gStop,
                        int[] gStart, boolean entry, int events) {
        this.strata = strata;
        this.slots = time.length;
        this.base = base;
        this.time = time;
        this.deaths = deaths;
        this.deadWeight = deadWeight;
        this.gStop = gStop;
        this.gStart = gStart;
        this.entry = entry;
        this.events = events;
    }

    /**
     * @param start    entry times ({@code null}: right-censored data, everyone at risk from the origin)
     * @param stop     exit times
     * @param status   event at {@code stop}
     * @param stratum  dense stratum codes 0..strata-1 ({@code null}: one stratum)
     * @param weight   case weights ({@code null}: 1)
     */
    static EventGroups of(double[] start, double[] stop, boolean[] status, int[] stratum, int strata,
                          double[] weight) {
        int m = stop.length;
        int events = Columns.countTrue(status);
        double[] eventTime = new double[events];
        int[] eventRow = new int[events];
        for (int k = 0, e = 0; k < m; k++) {
            if (status[k]) {
                eventTime[e] = stop[k];
                eventRow[e++] = k;
            }
        }
        // (stratum, time) order: stable by time, then a stable counting pass by stratum
        int[] byTime = RowOrder.byTime(eventTime);
        int[] order = byTime;
        if (stratum != null) {
            int[] count = new int[strata + 1];
            for (int e = 0; e < events; e++) {
                count[stratum[eventRow[e]] + 1]++;
            }
            for (int s = 0; s < strata; s++) {
                count[s + 1] += count[s];
            }
            order = new int[events];
            for (int e : byTime) {
                order[count[stratum[eventRow[e]]]++] = e;
            }
        }
        int[] base = new int[strata + 1];
        double[] slotTime = new double[events + strata];
        int slots = 0;
        int e = 0;
        for (int s = 0; s < strata; s++) {
            base[s] = slots;
            slotTime[slots++] = Double.NEGATIVE_INFINITY;
            while (e < events && (stratum == null || stratum[eventRow[order[e]]] == s)) {
                double t = eventTime[order[e]];
                if (slotTime[slots - 1] != t) {
                    slotTime[slots++] = t;
                }
                e++;
            }
        }
        base[strata] = slots;
        double[] time = Arrays.copyOf(slotTime, slots);
        int[] gStop = new int[m];
        int[] gStart = new int[m];
        int[] deaths = new int[slots];
        double[] deadWeight = new double[slots];
        for (int k = 0; k < m; k++) {
            int s = stratum == null ? 0 : stratum[k];
            int lo = base[s];
            int hi = base[s + 1] - 1;
            gStop[k] = lastAtOrBefore(time, lo, hi, stop[k]);
            gStart[k] = start == null ? lo : lastAtOrBefore(time, lo, hi, start[k]);
            if (status[k]) {
                deaths[gStop[k]]++;
                deadWeight[gStop[k]] += weight == null ? 1.0 : weight[k];
            }
        }
        return new EventGroups(strata, base, time, deaths, deadWeight, gStop, gStart, start != null, events);
    }

    /** The last slot in [lo, hi] with time &lt;= t; {@code lo} is the sentinel, so the answer is never below it. */
    private static int lastAtOrBefore(double[] time, int lo, int hi, double t) {
        int a = lo;
        int b = hi;
        while (a < b) {
            int mid = (a + b + 1) >>> 1;
            if (time[mid] <= t) {
                a = mid;
            } else {
                b = mid - 1;
            }
        }
        return a;
    }
}
