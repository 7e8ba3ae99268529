package io.backstory.analytics;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Events-based power of the Cox / log-rank comparison (Schoenfeld 1983, Biometrika 70:315): with D events
 * and a proportion p of episodes exposed, log HR is estimated with variance about 1 / (D p (1 - p)), so
 * the hazard ratio detectable with two-sided level alpha and the given power is
 * exp(-(z_{1-alpha/2} + z_power) / sqrt(D p (1 - p))), and the events needed for a hazard ratio hr are
 * (z_{1-alpha/2} + z_power)^2 / (p (1 - p) log(hr)^2). Power depends on events, not on episodes, which is
 * why the verdict talks about events.
 */
public final class SchoenfeldPower {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private SchoenfeldPower() {
    }

    /**
     * The protective hazard ratio (< 1) detectable with the given power; its reciprocal is the harmful one.
     *
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public static double minimumDetectableHazardRatio(int events, double proportionExposed, double alpha, double power) {
        if (events <= 0) {
            throw new IllegalArgumentException("events must be > 0, was " + events);
        }
        double z = zSum(proportionExposed, alpha, power);
        return Math.exp(-z / Math.sqrt(events * proportionExposed * (1 - proportionExposed)));
    }

    /**
     * Events needed to detect hazard ratio {@code hr} (either side of 1), rounded up.
     *
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public static int eventsNeeded(double hr, double proportionExposed, double alpha, double power) {
        if (!(hr > 0) || hr == 1 || Double.isInfinite(hr)) {
            throw new IllegalArgumentException("hr must be a finite hazard ratio > 0 and != 1, was " + hr);
        }
        double z = zSum(proportionExposed, alpha, power);
        double log = Math.log(hr);
        double needed = Math.ceil(z * z / (proportionExposed * (1 - proportionExposed) * log * log));
        if (needed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("hr " + hr + " is too close to 1: more than "
                    + Integer.MAX_VALUE + " events would be needed");
        }
        return (int) needed;
    }

    private static double zSum(double proportionExposed, double alpha, double power) {
        if (!(proportionExposed > 0 && proportionExposed < 1)) {
            throw new IllegalArgumentException("proportionExposed must be strictly between 0 and 1, was " + proportionExposed);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be strictly between 0 and 1, was " + alpha);
        }
        if (!(power > 0 && power < 1)) {
            throw new IllegalArgumentException("power must be strictly between 0 and 1, was " + power);
        }
        return STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2) + STANDARD_NORMAL.inverseCumulativeProbability(power);
    }
}
