package io.backstory.analytics;

/**
 * The smallest, largest and mean of a set of analysis weights (IPCW, propensity), as the results report them, and
 * the one threshold above which a weight is extreme.
 */
record WeightRange(double min, double max, double mean) {

    /** Weights above this signal that a few patients carry the estimate (Cole &amp; Hernán 2008). */
    static final double EXTREME = 10;

    /** Summed in row order, so the mean is the same to the last bit as a running sum over the rows. */
    static WeightRange of(double[] weights) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        double sum = 0;
        for (double w : weights) {
            min = Math.min(min, w);
            max = Math.max(max, w);
            sum += w;
        }
        return new WeightRange(min, max, sum / weights.length);
    }

    boolean extreme() {
        return max > EXTREME;
    }
}
