package io.backstory.demo;

import java.util.SplittableRandom;

/**
 * A draw the seeded generators need and neither the JDK nor commons-math makes from a given stream of uniforms.
 * The demo clinic draws with it, and so does the analytics tests' planted cohort, which copies the demo's case mix:
 * one copy keeps the two drawing the same numbers from the same seed.
 */
public final class SeededDraws {

    private SeededDraws() {
    }

    /** A Poisson count by Knuth's product of uniforms: exact, and quick for the small means drawn here (below 3). */
    public static int poisson(SplittableRandom r, double mean) {
        double limit = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > limit);
        return k - 1;
    }
}
