package io.backstory.analytics;

/**
 * The function of time g(t) against which {@code cox.zph} tests each coefficient for a trend (R's
 * {@code transform} argument).
 */
public enum PhTransform {
    /** R's default: 1 - S(t-) of the pooled Kaplan-Meier curve (all rows, unweighted, ignoring strata). */
    KM("km"),
    /** t itself. */
    IDENTITY("identity"),
    /** The rank of t among every row's (stop) time, ties averaged. */
    RANK("rank"),
    /** log(t); every event time must be positive. */
    LOG("log");

    private final String r;

    PhTransform(String r) {
        this.r = r;
    }

    /** The value of R's {@code transform} argument. */
    public String r() {
        return r;
    }
}
