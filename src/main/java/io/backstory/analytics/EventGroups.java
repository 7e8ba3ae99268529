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
        int[] table = dayTable(start, stop, strata, base, time);
        int lowest = table == null ? 0 : table[table.length - 1];
        int days = table == null ? 0 : (table.length - 1) / strata;
        for (int k = 0; k < m; k++) {
            int s = stratum == null ? 0 : stratum[k];
            int lo = base[s];
            if (table != null) {
                gStop[k] = table[s * days + (int) stop[k] - lowest];
                gStart[k] = start == null ? lo : table[s * days + (int) start[k] - lowest];
            } else {
                int hi = base[s + 1] - 1;
                gStop[k] = lastAtOrBefore(time, lo, hi, stop[k]);
                gStart[k] = start == null ? lo : lastAtOrBefore(time, lo, hi, start[k]);
            }
            if (status[k]) {
                deaths[gStop[k]]++;
                deadWeight[gStop[k]] += weight == null ? 1.0 : weight[k];
            }
        }
        return new EventGroups(strata, base, time, deaths, deadWeight, gStop, gStart, start != null, events);
    }

    /**
     * Whole-day follow-up (the clinic's case) over a range that is small next to the rows: the slot of every
     * (stratum, day) looked up in a table instead of a binary search per row. Layout: stratum-major, one entry
     * per day from the lowest day; the last element holds that lowest day. {@code null} when times are not
     * whole days or the table would be large.
     */
    private static int[] dayTable(double[] start, double[] stop, int strata, int[] base, double[] time) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] v : new double[][] {start, stop}) {
            if (v == null) {
                continue;
            }
            for (double t : v) {
                if (t != Math.rint(t) || Math.abs(t) > 1 << 30) {
                    return null;
                }
                min = Math.min(min, t);
                max = Math.max(max, t);
            }
        }
        long days = (long) (max - min) + 1;
        if (days * strata > Math.max(1 << 20, 4L * stop.length)) {
            return null;
        }
        int lowest = (int) min;
        int[] table = new int[(int) (days * strata) + 1];
        for (int s = 0; s < strata; s++) {
            int slot = base[s];
            for (int d = 0; d < days; d++) {
                while (slot + 1 < base[s + 1] && time[slot + 1] <= lowest + d) {
                    slot++;
                }
                table[(int) (s * days) + d] = slot;
            }
        }
        table[table.length - 1] = lowest;
        return table;
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
