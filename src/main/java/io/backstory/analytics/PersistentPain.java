package io.backstory.analytics;

/**
 * Persistent pain as an outcome (issue 10, item 7). By Stanton et al. (2011) a patient whose pain never
 * resolved after discharge (never 30 consecutive pain-free days) has no recurrence, so the recurrence
 * analysis counts them with the successes; a plan that leaves more patients in pain then looks better.
 * Two complements:
 * <ul>
 *   <li>{@link #compare}: the share never recovered per group, among the episodes whose status a check-in
 *       told, with the Wilson interval (R {@code prop.test(x, n, correct = FALSE)}) and the 2 × 2 comparison
 *       of {@link TwoByTwo};</li>
 *   <li>{@link #composite}: the composite outcome "never recovered or recurred" for a sensitivity analysis
 *       with the same models (Kaplan-Meier, Cox, 2 × 2 at the horizon). A patient known not to have
 *       recovered fails when recovery failed, i.e. within the recovery window: the event time is
 *       min(time, recovery days) (30 days by default, the clinic's pain-free gap); a recurrence keeps its
 *       time; everyone else keeps their censoring. In R:
 *       <pre>
 *       status_c &lt;- as.integer(recurred == 1 | (!is.na(recovered) &amp; recovered == 0))
 *       time_c &lt;- ifelse(recurred == 0 &amp; !is.na(recovered) &amp; recovered == 0, pmin(time_days, 30), time_days)
 *       </pre></li>
 * </ul>
 */
public final class PersistentPain {

    private PersistentPain() {
    }

    /**
     * @param multi     multi-factor plan per episode
     * @param recovered recovery per episode: true, false (never recovered) or null (unknown)
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public static PersistentPainResult compare(boolean[] multi, Boolean[] recovered) {
        if (multi == null || recovered == null || multi.length != recovered.length) {
            throw new IllegalArgumentException("multi and recovered must have one entry per episode each");
        }
        int[] n = new int[2];
        int[] never = new int[2];
        int[] unknown = new int[2];
        for (int i = 0; i < multi.length; i++) {
            int g = multi[i] ? 1 : 0;
            if (recovered[i] == null) {
                unknown[g]++;
            } else {
                n[g]++;
                never[g] += recovered[i] ? 0 : 1;
            }
        }
        return new PersistentPainResult(WilsonInterval.of(never[0], n[0], 0.95), WilsonInterval.of(never[1], n[1], 0.95),
                TwoByTwo.compare(never[1], n[1], never[0], n[0]), unknown[0], unknown[1]);
    }

    /** The composite outcome "never recovered or recurred"; see the class comment. */
    public record Composite(double[] time, boolean[] event, int neverRecovered) {
    }

    /**
     * @param time         follow-up per episode (days from discharge)
     * @param recurred     recurrence observed at {@code time}
     * @param recovered    recovery per episode (null: unknown, counted as not failing)
     * @param recoveryDays the pain-free gap that defines recovery (DESIGN §2, default 30)
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public static Composite composite(double[] time, boolean[] recurred, Boolean[] recovered, double recoveryDays) {
        KaplanMeier.validate(time, recurred);
        if (recovered == null || recovered.length != time.length) {
            throw new IllegalArgumentException("recovered must have one entry per episode (" + time.length + ")");
        }
        if (!(recoveryDays > 0)) {
            throw new IllegalArgumentException("recoveryDays must be > 0, was " + recoveryDays);
        }
        int n = time.length;
        double[] t = new double[n];
        boolean[] e = new boolean[n];
        int never = 0;
        for (int i = 0; i < n; i++) {
            boolean failed = !recurred[i] && Boolean.FALSE.equals(recovered[i]);
            t[i] = failed ? Math.min(time[i], recoveryDays) : time[i];
            e[i] = recurred[i] || failed;
            never += failed ? 1 : 0;
        }
        return new Composite(t, e, never);
    }
}
