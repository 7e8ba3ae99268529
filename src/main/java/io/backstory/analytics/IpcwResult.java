package io.backstory.analytics;

import java.util.List;

/**
 * Inverse probability of censoring weights; see {@link Ipcw}.
 *
 * @param censoringModel  Cox model of the hazard of being lost, on the group and the covariates (null when no
 *                        one was lost before the horizon: every weight is then 1)
 * @param numeratorModel  Cox model of the hazard of being lost on the group alone, the stabilising numerator
 *                        (null when unstabilised or no one was lost)
 * @param splitTimes      the times at which follow-up was split, ascending
 * @param rows            the follow-up in counting-process form, each interval with its weight (null when the
 *                        caller asked for the count only: the full analysis does not hold 3.5 M intervals in its report)
 * @param intervals       how many intervals the split made
 * @param lost            rows censored before the horizon without an event
 * @param minWeight       smallest interval weight
 * @param maxWeight       largest interval weight
 * @param meanWeight      mean interval weight (near 1 for stabilised weights when the model is adequate)
 * @param outcomeModel    the IPCW-weighted outcome Cox model with the robust variance clustered by patient
 *                        (null when only the weights were asked for)
 * @param warnings        plain-language warnings (censoring-model problems, extreme weights)
 */
public record IpcwResult(CoxResult censoringModel, CoxResult numeratorModel, double[] splitTimes,
                         CountingProcessRows rows, int intervals, int lost, double minWeight, double maxWeight, double meanWeight,
                         CoxResult outcomeModel, List<String> warnings) {

    public IpcwResult {
        warnings = List.copyOf(warnings);
    }
}
