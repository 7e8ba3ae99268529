package io.backstory.analytics;

/**
 * Follow-up of one plan group up to the horizon; see {@link LossToFollowUp}.
 *
 * @param n                   episodes in the group
 * @param events              recurrences observed by the horizon
 * @param lost                episodes censored before the horizon without a recurrence
 * @param completeness        share followed to the horizon or until a recurrence, (n - lost) / n
 * @param medianFollowUp      reverse Kaplan-Meier median follow-up in days (NaN: not reached)
 * @param medianFollowUpLower its lower 95 % limit (NaN: not reached)
 * @param medianFollowUpUpper its upper 95 % limit (NaN: not reached)
 * @param riskAtHorizon       Kaplan-Meier recurrence risk by the horizon, 1 - S(horizon): what the group's
 *                            risk is if the lost patients were like those still followed
 * @param riskIfOtherRate     the risk by the horizon if the group's lost patients had recurred at the other
 *                            group's Kaplan-Meier rate from the day they were lost
 */
public record GroupFollowUp(int n, int events, int lost, double completeness, double medianFollowUp,
                            double medianFollowUpLower, double medianFollowUpUpper, double riskAtHorizon,
                            double riskIfOtherRate) {
}
