package io.backstory.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loss to follow-up by plan group (issue 10, item 5). A patient is <em>lost</em> when censored before the
 * horizon without a recurrence (they stopped answering check-ins); one who recurred or was followed to the
 * horizon is complete. If patients whose pain came back stop answering more often under one kind of plan,
 * that plan looks better than it is, and no model on the observed data can tell, so this reports:
 * <ul>
 *   <li>completeness per group and its gap, and the reverse Kaplan-Meier median follow-up per group
 *       (Schemper &amp; Smith 1996: the Kaplan-Meier of the censoring, i.e. with the event indicator reversed;
 *       R {@code survfit(Surv(time, 1 - status) ~ multi)}, median as {@code print} shows it, on follow-up
 *       truncated at the horizon, where reaching the horizon ends follow-up);</li>
 *   <li>bounds on the horizon risk difference (multi minus isolated) under explicit assumptions about the
 *       lost: censoring at random (Kaplan-Meier), lost patients recurring at the other group's rate from the
 *       day they were lost, all lost recurring, and the extreme (Manski-type) bounds; and the tipping point:
 *       the share of the better-looking group's lost patients who would have had to recur to erase the
 *       difference.</li>
 * </ul>
 * The "other group's rate" scenario gives lost patient i of group g, lost at c_i, the conditional risk
 * 1 - S_other(h) / S_other(c_i) from the other group's Kaplan-Meier curve; with the own group's curve the
 * same sum reproduces the Kaplan-Meier estimate exactly (Efron's redistribution to the right), so the
 * scenario changes one assumption only. In R:
 * <pre>
 * km &lt;- survfit(Surv(time, status) ~ multi); S &lt;- function(g, t) summary(km[g], times = t, extend = TRUE)$surv
 * risk_other_g &lt;- (events_g + sum(1 - S(other, h) / S(other, c[lost &amp; group == g]))) / n_g
 * </pre>
 *
 * <p>Immutable: configured with the horizon.
 */
public final class LossToFollowUp {

    private final double horizon;

    private LossToFollowUp(double horizon) {
        this.horizon = horizon;
    }

    /** @param horizonDays follow-up is truncated here; censored earlier = lost */
    public static LossToFollowUp atHorizon(double horizonDays) {
        if (!(horizonDays > 0) || !Double.isFinite(horizonDays)) {
            throw new IllegalArgumentException("horizonDays must be finite and > 0, was " + horizonDays);
        }
        return new LossToFollowUp(horizonDays);
    }

    /**
     * @param time  follow-up per episode (truncated at the horizon or not: it is truncated here)
     * @param event recurrence observed at {@code time} (one after the horizon counts as censoring)
     * @param multi multi-factor plan per episode (both groups must occur)
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public LossToFollowUpResult analyze(double[] time, boolean[] event, boolean[] multi) {
        KaplanMeier.validate(time, event);
        int n = time.length;
        int nMulti = Columns.checkGroups(multi, n, "multi", 1);
        double[][] t = new double[2][];
        boolean[][] e = new boolean[2][];
        boolean[][] lost = new boolean[2][];
        int[] size = {n - nMulti, nMulti};
        for (int g = 0; g < 2; g++) {
            t[g] = new double[size[g]];
            e[g] = new boolean[size[g]];
            lost[g] = new boolean[size[g]];
        }
        int[] k = new int[2];
        for (int i = 0; i < n; i++) {
            if (time[i] < 0) {
                throw new IllegalArgumentException("time[" + i + "] must be >= 0, was " + time[i]);
            }
            int g = multi[i] ? 1 : 0;
            double ti = Math.min(time[i], horizon);
            boolean ei = event[i] && time[i] <= horizon;
            t[g][k[g]] = ti;
            e[g][k[g]] = ei;
            lost[g][k[g]] = !ei && ti < horizon;
            k[g]++;
        }
        SurvivalCurve[] km = new SurvivalCurve[2];
        SurvivalCurve[] followUp = new SurvivalCurve[2];
        int[] events = new int[2];
        int[] lostCount = new int[2];
        for (int g = 0; g < 2; g++) {
            km[g] = KaplanMeier.fit(t[g], e[g]);
            boolean[] reverse = new boolean[size[g]];
            for (int i = 0; i < size[g]; i++) {
                reverse[i] = !e[g][i];
                events[g] += e[g][i] ? 1 : 0;
                lostCount[g] += lost[g][i] ? 1 : 0;
            }
            followUp[g] = KaplanMeier.fit(t[g], reverse);
        }
        GroupFollowUp[] groups = new GroupFollowUp[2];
        for (int g = 0; g < 2; g++) {
            SurvivalCurve other = km[1 - g];
            double atHorizon = other.survivalAt(horizon);
            double expected = events[g];
            for (int i = 0; i < size[g]; i++) {
                if (lost[g][i]) {
                    double atLoss = other.survivalAt(t[g][i]);
                    expected += atLoss > 0 ? 1 - atHorizon / atLoss : 1;
                }
            }
            groups[g] = new GroupFollowUp(size[g], events[g], lostCount[g], (double) (size[g] - lostCount[g]) / size[g],
                    followUp[g].median(), followUp[g].medianLower(), followUp[g].medianUpper(),
                    1 - km[g].survivalAt(horizon), expected / size[g]);
        }
        double[] observed = {(double) events[0] / size[0], (double) events[1] / size[1]};
        double[] allLost = {(double) (events[0] + lostCount[0]) / size[0], (double) (events[1] + lostCount[1]) / size[1]};
        double rd = groups[1].riskAtHorizon() - groups[0].riskAtHorizon();
        boolean multiBetter = rd < 0;
        int better = multiBetter ? 1 : 0;
        double tipping = rd == 0 || lostCount[better] == 0 ? Double.NaN
                : (groups[1 - better].riskAtHorizon() * size[better] - events[better]) / lostCount[better];
        List<String> warnings = new ArrayList<>();
        double gap = groups[1].completeness() - groups[0].completeness();
        if (Math.abs(gap) > 0.05) {
            warnings.add(String.format(Locale.ROOT, "follow-up completeness differs between plan groups: %.0f %% "
                    + "(multi-factor) vs %.0f %% (isolated)", 100 * groups[1].completeness(), 100 * groups[0].completeness()));
        }
        return new LossToFollowUpResult((int) Math.round(horizon), groups[0], groups[1], gap, rd,
                groups[1].riskIfOtherRate() - groups[0].riskIfOtherRate(), allLost[1] - allLost[0], observed[1] - allLost[0],
                allLost[1] - observed[0], tipping, multiBetter, warnings);
    }

    /**
     * The Cox model with every lost patient counted as recurring on the day they were lost: the worst case
     * for a plan whose lost patients are many. Pass the same (complete-case) design as the primary model.
     *
     * @param time    follow-up per row
     * @param event   recurrence observed at {@code time}
     * @param columns the model's columns (the exposure among them)
     * @param names   their names
     */
    public CoxResult coxIfAllLostRecurred(double[] time, boolean[] event, double[][] columns, String[] names) {
        KaplanMeier.validate(time, event);
        double[] t = new double[time.length];
        boolean[] e = new boolean[time.length];
        for (int i = 0; i < time.length; i++) {
            t[i] = Math.min(time[i], horizon);
            e[i] = (event[i] && time[i] <= horizon) || t[i] < horizon;
        }
        return CoxModel.withDefaults().fit(t, e, columns, names);
    }
}
