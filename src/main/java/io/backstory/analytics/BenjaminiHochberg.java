package io.backstory.analytics;

import java.util.Arrays;

/**
 * Benjamini-Hochberg false-discovery-rate adjustment, identical to R {@code p.adjust(p, "BH")}: the five
 * single-factor p-values are tested together, so each is adjusted for the others. NaN (R's NA) passes
 * through and, as in R, is not counted in the number of tests.
 */
public final class BenjaminiHochberg {

    private BenjaminiHochberg() {
    }

    /**
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public static double[] adjust(double[] p) {
        if (p == null) {
            throw new IllegalArgumentException("p must not be null");
        }
        int count = 0;
        for (int i = 0; i < p.length; i++) {
            if (Double.isNaN(p[i])) {
                continue;
            }
            if (p[i] < 0 || p[i] > 1) {
                throw new IllegalArgumentException("p[" + i + "] must be between 0 and 1, was " + p[i]);
            }
            count++;
        }
        // Keep the non-missing p-values with their positions.
        double[] values = new double[count];
        int[] index = new int[count];
        int j = 0;
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                values[j] = p[i];
                index[j] = i;
                j++;
            }
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        // Stable sort, decreasing p; ties keep their input order as R's order() does.
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        double running = Double.POSITIVE_INFINITY;
        for (int r = 0; r < count; r++) {
            int rankFromTop = count - r; // i = lp:1 in p.adjust
            double adjusted = (double) count / rankFromTop * values[order[r]];
            running = Math.min(running, adjusted);
            out[index[order[r]]] = Math.min(1.0, running);
        }
        return out;
    }
}
