package io.backstory.analytics;

import java.util.List;

/**
 * What the honest verdict (issue 10, item 8) checks beyond the primary estimate: the same comparison made in
 * ways that each remove one explanation other than the plan. Any estimate may be {@link Interval#MISSING} when
 * its model could not be fitted; a missing check never counts as passed.
 *
 * @param therapistKnown       every analysed episode has a therapist code, so the primary model could account
 *                             for the therapist
 * @param therapists           distinct therapists among the analysed episodes (0 when unknown)
 * @param visits               the multi-factor HR with the number of visits in the model (natural spline)
 * @param visitsChange         that HR divided by the primary HR (1: visits explain none of it)
 * @param iptw                 the truncated-IPTW HR with its robust interval
 * @param imbalanced           covariates whose |SMD| after weighting is {@link BalanceTable#THRESHOLD} or more
 *                             (empty: balance holds); null when the weighting could not be done
 * @param ipcw                 the HR weighted for loss to follow-up (IPCW), robust interval
 * @param completenessMulti    share of multi-factor episodes followed to the horizon or to a recurrence
 * @param completenessIsolated the same for isolated plans
 * @param tippingShare         share of the better-looking group's lost patients who would have had to recur to
 *                             erase the difference (NaN when not defined)
 * @param phPlanP              cox.zph p-value of the plan term in the primary model (NaN when not tested)
 * @param phGlobalP            cox.zph global p-value
 * @param riskDifference       the standardised risk difference at the horizon (multi minus isolated) with its
 *                             bootstrap interval; {@code null} when it was not needed (PH holds)
 */
public record VerdictEvidence(boolean therapistKnown, int therapists, Interval visits, double visitsChange,
                              Interval iptw, List<String> imbalanced, Interval ipcw, double completenessMulti,
                              double completenessIsolated, double tippingShare, double phPlanP, double phGlobalP,
                              Interval riskDifference) {

    public VerdictEvidence {
        imbalanced = imbalanced == null ? null : List.copyOf(imbalanced);
        visits = visits == null ? Interval.MISSING : visits;
        iptw = iptw == null ? Interval.MISSING : iptw;
        ipcw = ipcw == null ? Interval.MISSING : ipcw;
    }

    /** An estimate with its 95 % interval (a ratio, or a difference for the risk difference). */
    public record Interval(double estimate, double lower, double upper) {

        /** No estimate: the model could not be fitted. */
        public static final Interval MISSING = new Interval(Double.NaN, Double.NaN, Double.NaN);

        public static Interval of(ModelTerm t) {
            return t == null ? MISSING : new Interval(t.ratio(), t.lower(), t.upper());
        }

        public boolean known() {
            return Double.isFinite(estimate) && !Double.isNaN(lower) && !Double.isNaN(upper);
        }

        /** The interval lies wholly below {@code value}. */
        public boolean below(double value) {
            return known() && upper < value;
        }

        /** The interval lies wholly above {@code value}. */
        public boolean above(double value) {
            return known() && lower > value;
        }
    }
}
