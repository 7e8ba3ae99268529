package io.backstory.analytics;

import java.util.Arrays;

/**
 * The cumulative baseline hazard of a fitted Cox model as R's {@code survfit.coxph} (and so {@code basehaz})
 * computes it for a model fitted with Efron ties: at each distinct time with d events, risk-set sum R and
 * tied-event sum E of exp(lp), the increment is sum over j = 0..d-1 of 1 / (R - E j / d) (survival's agsurv,
 * ctype 2; the Breslow increment d / R when d = 1). The linear predictor is centred at its mean, as coxph
 * centres the covariates, so exp(lp) cannot overflow; survival at any linear predictor is then
 * exp(-H(t) exp(lp - centre)), survfit's default {@code stype = 2}.
 */
final class BaselineHazard {

    private final double[] times;
    private final double[] cumulative;
    private final double centre;

    private BaselineHazard(double[] times, double[] cumulative, double centre) {
        this.times = times;
        this.cumulative = cumulative;
        this.centre = centre;
    }

    /**
     * @param time  follow-up per row
     * @param event event at {@code time}
     * @param lp    the fitted linear predictor per row (x'beta, uncentred)
     */
    static BaselineHazard efron(double[] time, boolean[] event, double[] lp) {
        int n = time.length;
        double centre = 0;
        for (double v : lp) {
            centre += v;
        }
        centre /= n;
        int[] order = RowOrder.byTime(time);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || time[order[i]] != time[order[i - 1]]) {
                distinct++;
            }
        }
        double[] t = new double[distinct];
        double[] h = new double[distinct];
        // walk backwards so the risk set (time >= t) accumulates as R's rcumsum does
        double atRisk = 0;
        int k = distinct;
        int i = n - 1;
        while (i >= 0) {
            double tk = time[order[i]];
            double tied = 0;
            int d = 0;
            while (i >= 0 && time[order[i]] == tk) {
                int r = order[i--];
                double risk = Math.exp(lp[r] - centre);
                atRisk += risk;
                if (event[r]) {
                    tied += risk;
                    d++;
                }
            }
            double increment = 0;
            for (int j = 0; j < d; j++) {
                increment += 1 / (atRisk - tied * j / d);
            }
            t[--k] = tk;
            h[k] = increment;
        }
        for (int j = 1; j < distinct; j++) {
            h[j] += h[j - 1];
        }
        return new BaselineHazard(t, h, centre);
    }

    /** H(t) at the centre, right-continuous (0 before the first time). */
    double cumulativeAt(double at) {
        int i = Arrays.binarySearch(times, at);
        int index = i >= 0 ? i : -i - 2;
        return index < 0 ? 0 : cumulative[index];
    }

    /** exp(-H(t) exp(lp - centre)): the model's survival at t for a row with linear predictor lp. */
    double survival(double at, double lp) {
        return survivalFrom(cumulativeAt(at), relativeRisk(lp));
    }

    /** exp(lp - centre), the row's factor in {@link #survival}: computed once per row when it is read at several times. */
    double relativeRisk(double lp) {
        return Math.exp(lp - centre);
    }

    /** {@link #survival(double, double)} from its two factors, H(t) ({@link #cumulativeAt}) and {@link #relativeRisk}. */
    static double survivalFrom(double cumulative, double relativeRisk) {
        return Math.exp(-cumulative * relativeRisk);
    }
}
