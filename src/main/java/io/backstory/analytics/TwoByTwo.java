package io.backstory.analytics;

/**
 * The 2 x 2 comparison of DESIGN §4: rows multi-factor / isolated, columns recurred / not recurred.
 *
 * <ul>
 *   <li>risk ratio with the log (Katz 1978) interval, SE(log RR) = sqrt(1/a - 1/n1 + 1/c - 1/n2);</li>
 *   <li>odds ratio with Woolf's log interval, SE(log OR) = sqrt(1/a + 1/b + 1/c + 1/d);</li>
 *   <li>risk difference with the Wald interval;</li>
 *   <li>Pearson chi-square without continuity correction = R {@code chisq.test(m, correct = FALSE)};</li>
 *   <li>two-sided Fisher exact p = R {@code fisher.test(m)$p.value}.</li>
 * </ul>
 *
 * <p>Zero cells: no 0.5 (Haldane) correction is added, so that the figures stay identical to the plain
 * formulas in R (e.g. {@code exp(log(rr) + c(-1, 1) * qnorm(0.975) * se)}) and to epi tables that do not
 * correct. IEEE arithmetic then gives what R gives: an estimate of 0 or {@code Infinity}, and limits that
 * are 0, {@code Infinity} or {@code NaN} (R's NaN) where the log scale meets an infinite SE. An empty group
 * (n = 0) gives NaN ratios, differences and chi-square; Fisher's p is then 1 (a single possible table).
 * Callers show such cells as "not estimable" and rely on Fisher's p, which is always defined.
 */
public final class TwoByTwo {

    private static final double Z95 = WilsonInterval.zFor(0.95);

    private TwoByTwo() {
    }

    public static TwoByTwoResult compare(int eventsMulti, int nMulti, int eventsIsolated, int nIsolated) {
        requireCounts("eventsMulti", eventsMulti, "nMulti", nMulti);
        requireCounts("eventsIsolated", eventsIsolated, "nIsolated", nIsolated);
        double a = eventsMulti;
        double b = (double) nMulti - eventsMulti;
        double c = eventsIsolated;
        double d = (double) nIsolated - eventsIsolated;
        double n1 = nMulti;
        double n2 = nIsolated;

        double p1 = a / n1;
        double p2 = c / n2;

        double rr = p1 / p2;
        double seLogRr = Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2);
        double logRr = Math.log(rr);

        double or = (a * d) / (b * c);
        double seLogOr = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
        double logOr = Math.log(or);

        double rd = p1 - p2;
        double seRd = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);

        double chisq = pearson(a, b, c, d);
        double chisqP = Tails.chiSquareUpper(chisq, 1);

        double fisherP = FisherExact.twoSided(eventsMulti, nMulti - eventsMulti, eventsIsolated, nIsolated - eventsIsolated);

        return new TwoByTwoResult(
                rr, Math.exp(logRr - Z95 * seLogRr), Math.exp(logRr + Z95 * seLogRr),
                or, Math.exp(logOr - Z95 * seLogOr), Math.exp(logOr + Z95 * seLogOr),
                rd, rd - Z95 * seRd, rd + Z95 * seRd,
                chisq, chisqP, fisherP);
    }

    /** Sum of (O - E)^2 / E over the four cells, as chisq.test(correct = FALSE). */
    private static double pearson(double a, double b, double c, double d) {
        double n = a + b + c + d;
        double r1 = a + b;
        double r2 = c + d;
        double k1 = a + c;
        double k2 = b + d;
        double[] observed = {a, b, c, d};
        double[] expected = {r1 * k1 / n, r1 * k2 / n, r2 * k1 / n, r2 * k2 / n};
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double diff = observed[i] - expected[i];
            sum += diff * diff / expected[i];
        }
        return sum;
    }

    private static void requireCounts(String eventsName, int events, String nName, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(nName + " must be >= 0, was " + n);
        }
        if (events < 0 || events > n) {
            throw new IllegalArgumentException(eventsName + " must be between 0 and " + nName + " (" + n + "), was " + events);
        }
    }
}
