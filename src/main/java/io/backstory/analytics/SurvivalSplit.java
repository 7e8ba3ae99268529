package io.backstory.analytics;

/**
 * Follow-up split into intervals at cut times, R's {@code survSplit(Surv(time, status) ~ ., data, cut = cuts,
 * zero = -1, episode = "period")}: each row becomes one interval per period its follow-up reaches, (start,
 * stop], with the event only on the last. A time equal to a cut is not split. The first interval starts at
 * {@link #ORIGIN}, before any follow-up time, so that a row with no follow-up (time 0) keeps its interval
 * and every risk set is that of the unsplit data.
 *
 * <p>Used for time-varying weights (IPCW: a weight per interval, {@link CoxModel#fit(double[], double[],
 * boolean[], int[], double[][], String[])} with {@link #row()} as the row map) and for piecewise hazard
 * ratios ({@link PiecewiseCox}). Arrays are shared, not copied: treat them as read-only.
 */
public final class SurvivalSplit {

    /** Start of every first interval (R: {@code zero = -1}). */
    public static final double ORIGIN = -1;

    private final double[] cuts;
    private final double[] start;
    private final double[] stop;
    private final boolean[] event;
    private final int[] row;
    private final int[] period;

    private SurvivalSplit(double[] cuts, double[] start, double[] stop, boolean[] event, int[] row, int[] period) {
        this.cuts = cuts;
        this.start = start;
        this.stop = stop;
        this.event = event;
        this.row = row;
        this.period = period;
    }

    /**
     * @param time  follow-up per row, finite and >= 0
     * @param event event at {@code time}
     * @param cuts  cut times, finite, > 0 and strictly increasing (none: one interval per row)
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public static SurvivalSplit of(double[] time, boolean[] event, double... cuts) {
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
        double[] c = checkCuts(cuts);
        int m = 0;
        for (double t : time) {
            m += 1 + passed(c, t);
        }
        double[] start = new double[m];
        double[] stop = new double[m];
        boolean[] ev = new boolean[m];
        int[] row = new int[m];
        int[] period = new int[m];
        for (int i = 0, k = 0; i < n; i++) {
            int last = passed(c, time[i]);
            for (int q = 0; q <= last; q++, k++) {
                start[k] = q == 0 ? ORIGIN : c[q - 1];
                stop[k] = q == last ? time[i] : c[q];
                ev[k] = q == last && event[i];
                row[k] = i;
                period[k] = q;
            }
        }
        return new SurvivalSplit(c, start, stop, ev, row, period);
    }

    /** Validated copy of the cut times. */
    static double[] checkCuts(double[] cuts) {
        if (cuts == null) {
            throw new IllegalArgumentException("cuts must not be null");
        }
        for (int i = 0; i < cuts.length; i++) {
            if (!(cuts[i] > 0) || !Double.isFinite(cuts[i])) {
                throw new IllegalArgumentException("cuts[" + i + "] must be finite and > 0, was " + cuts[i]);
            }
            if (i > 0 && !(cuts[i] > cuts[i - 1])) {
                throw new IllegalArgumentException("cuts[" + i + "] must be greater than cuts[" + (i - 1) + "], was "
                        + cuts[i]);
            }
        }
        return cuts.clone();
    }

    /** Number of cuts strictly before t: the index of the period t ends in. */
    private static int passed(double[] cuts, double t) {
        int q = 0;
        while (q < cuts.length && cuts[q] < t) {
            q++;
        }
        return q;
    }

    /** Number of intervals. */
    public int intervals() {
        return stop.length;
    }

    /** Number of periods: cuts + 1. */
    public int periods() {
        return cuts.length + 1;
    }

    /** The cut times. */
    public double[] cuts() {
        return cuts.clone();
    }

    /** Entry time of each interval ({@code tstart}). */
    public double[] start() {
        return start;
    }

    /** Exit time of each interval ({@code time}). */
    public double[] stop() {
        return stop;
    }

    /** Event at the interval's stop (only ever on a row's last interval). */
    public boolean[] event() {
        return event;
    }

    /** The input row of each interval (0-based); intervals of a row are consecutive. */
    public int[] row() {
        return row;
    }

    /** The period of each interval: 0 before the first cut, ..., {@code cuts.length} after the last. */
    public int[] period() {
        return period;
    }

    /** Per-row values repeated onto the row's intervals ({@code null} stays {@code null}). */
    public double[] expand(double[] perRow) {
        return Columns.gather(perRow, row);
    }

    /** Per-row codes repeated onto the row's intervals ({@code null} stays {@code null}). */
    public int[] expand(int[] perRow) {
        return Columns.gather(perRow, row);
    }
}
