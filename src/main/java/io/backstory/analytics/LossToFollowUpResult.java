package io.backstory.analytics;

import java.util.List;

/**
 * How loss to follow-up could bend the comparison of multi-factor with isolated plans; see
 * {@link LossToFollowUp}. Risk differences are multi-factor minus isolated, by the horizon.
 *
 * @param horizonDays              the horizon
 * @param isolated                 follow-up of the isolated plans
 * @param multi                    follow-up of the multi-factor plans
 * @param completenessGap          multi.completeness - isolated.completeness (the verdict allows 5 points)
 * @param riskDifference           Kaplan-Meier risk difference: lost patients like those still followed in
 *                                 their own group (censoring at random)
 * @param riskDifferenceOtherRate  lost patients recurred at the rate of the <em>other</em> group from the
 *                                 moment they were lost
 * @param riskDifferenceAllLost    every lost patient recurred by the horizon
 * @param riskDifferenceLowest     the lowest the difference can be: lost multi-factor patients none
 *                                 recurred, lost isolated patients all did
 * @param riskDifferenceHighest    the highest: lost multi-factor patients all recurred, lost isolated none
 * @param tippingShare             among the lost patients of the group that looks better (lower Kaplan-Meier
 *                                 risk), the share that would have had to recur by the horizon for its risk
 *                                 ((events + share lost) / n) to equal the other group's Kaplan-Meier risk;
 *                                 above 1 loss alone cannot explain the difference; NaN without lost patients
 *                                 or a difference
 * @param tippingGroupMulti        true when the better-looking group (the one {@code tippingShare} is about)
 *                                 is the multi-factor one
 * @param warnings                 plain-language warnings
 */
public record LossToFollowUpResult(int horizonDays, GroupFollowUp isolated, GroupFollowUp multi,
                                   double completenessGap, double riskDifference, double riskDifferenceOtherRate,
                                   double riskDifferenceAllLost, double riskDifferenceLowest,
                                   double riskDifferenceHighest, double tippingShare, boolean tippingGroupMulti,
                                   List<String> warnings) {

    public LossToFollowUpResult {
        warnings = List.copyOf(warnings);
    }
}
