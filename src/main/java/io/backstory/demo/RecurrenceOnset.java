package io.backstory.demo;

/**
 * When a recurrence starts in the demo clinic's model, which the analytics tests' planted cohort shares so both
 * recur alike: Stanton 2011, a recurrence needs recovery first (30 pain-free days), so the hazard starts after that
 * window; from there a Weibull hazard whose shape below 1 makes recurrences cluster early, scaled by exp(lp).
 */
public final class RecurrenceOnset {

    public static final int RECOVERY_DAYS = 30;
    public static final double WEIBULL_SHAPE = 0.85;
    public static final double WEIBULL_SCALE = 0.0029;

    private RecurrenceOnset() {
    }

    /** Days after discharge at which the cumulative hazard reaches {@code e} (an Exp(1) draw), for linear predictor {@code lp}. */
    public static double days(double e, double lp) {
        return RECOVERY_DAYS + Math.pow(e / (WEIBULL_SCALE * Math.exp(lp)), 1 / WEIBULL_SHAPE);
    }
}
