package io.backstory.analytics;

/**
 * Cochran-Armitage test for a trend in proportions across ordered groups (here plan breadth 0-5), the
 * statistic of R {@code prop.trend.test(x, n, score)}: the weighted-regression sum of squares of the
 * group proportions on the scores, with weights n_i / (p (1 - p)) under the pooled proportion p,
 * which reduces to (sum x_i (s_i - s_bar))^2 / (p (1 - p) sum n_i (s_i - s_bar)^2).
 *
 * <p>Groups with n = 0 are dropped: they carry no information, and R drops them too (their proportion
 * 0/0 is NA, which {@code lm} omits, with weight 0). A pooled proportion of 0 or 1, or a single distinct
 * score among the remaining groups, leaves the statistic undefined: chisq and p are NaN, as in R.
 */
public final class TrendTest {

    private TrendTest() {
    }

    /**
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public static TrendResult cochranArmitage(int[] events, int[] totals, double[] scores) {
        if (events == null || totals == null || scores == null) {
            throw new IllegalArgumentException("events, totals and scores must not be null");
        }
        if (events.length != totals.length || events.length != scores.length) {
            throw new IllegalArgumentException("events, totals and scores must have the same length, were "
                    + events.length + ", " + totals.length + ", " + scores.length);
        }
        double sumN = 0;
        double sumX = 0;
        double sumNs = 0;
        for (int i = 0; i < events.length; i++) {
            if (totals[i] < 0) {
                throw new IllegalArgumentException("totals[" + i + "] must be >= 0, was " + totals[i]);
            }
            if (events[i] < 0 || events[i] > totals[i]) {
                throw new IllegalArgumentException("events[" + i + "] must be between 0 and totals[" + i + "] ("
                        + totals[i] + "), was " + events[i]);
            }
            if (totals[i] > 0 && !Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] must be finite, was " + scores[i]);
            }
            if (totals[i] > 0) {
                sumN += totals[i];
                sumX += events[i];
                sumNs += totals[i] * scores[i];
            }
        }
        if (sumN == 0) {
            return new TrendResult(Double.NaN, Double.NaN);
        }
        double p = sumX / sumN;
        double sBar = sumNs / sumN;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < events.length; i++) {
            if (totals[i] > 0) {
                double ds = scores[i] - sBar;
                sxy += events[i] * ds;
                sxx += totals[i] * ds * ds;
            }
        }
        double chisq = sxy * sxy / (sxx * p * (1 - p));
        if (!Double.isFinite(chisq)) {
            return new TrendResult(Double.NaN, Double.NaN);
        }
        return new TrendResult(chisq, Tails.chiSquareUpper(chisq, 1));
    }
}
