package io.backstory.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the analysis into the verdict card of DESIGN §4, in this order of rules:
 * <ol>
 *   <li><b>Insufficient data</b>: fewer than 30 episodes in either group, or fewer than 10 events per model
 *       term (the usual events-per-variable floor below which Cox estimates are biased; Peduzzi et al. 1995,
 *       J Clin Epidemiol 48:1503), or no finite adjusted estimate;</li>
 *   <li><b>Supports</b>: upper 95 % limit of the adjusted HR below 1 and the IPTW HR below 1 (two
 *       different ways of handling confounding agree);</li>
 *   <li><b>Contradicts</b>: lower 95 % limit of the adjusted HR above 1;</li>
 *   <li><b>Inconclusive</b>: otherwise, with Schoenfeld's minimum detectable HR (80 % power, alpha 0.05) and
 *       the number of events needed to confirm the observed HR.</li>
 * </ol>
 * Every sentence states that the data are observational and gives the E-value ({@link EValue}: the
 * common-outcome approximation unless recurrence is rare, the same choice as the report's figures), because a clinic's own records cannot rule out confounding by indication.
 */
public final class Verdict {

    static final int MIN_EPISODES_PER_GROUP = 30;
    static final int MIN_EVENTS_PER_TERM = 10;
    static final double ALPHA = 0.05;
    static final double POWER = 0.80;
    static final double MIN_FOLLOW_UP = 0.80;
    static final double MIN_EXPECTED_CELL = 5;

    private Verdict() {
    }

    /** As {@link #decide(VerdictInput, boolean)} for a common outcome (recurrence by the horizon of 15 % or more). */
    public static VerdictResult decide(VerdictInput in) {
        return decide(in, false);
    }

    /**
     * @param rareOutcome recurrence by the horizon below 15 %: the E-value in the sentence then takes the HR as
     *                    the risk ratio, as the report's {@code e_value} does ({@link EValue}), so the sentence
     *                    and the figures quote the same number
     */
    public static VerdictResult decide(VerdictInput in, boolean rareOutcome) {
        if (in == null) {
            throw new IllegalArgumentException("input must not be null");
        }
        List<String> warnings = warnings(in);
        int episodes = in.episodesMulti() + in.episodesIsolated();
        String across = "Across " + count(episodes) + " discharged episodes";
        String estimate = "adjusted hazard ratio " + ratio(in.hazardRatio()) + " (95 % CI "
                + ratio(in.hazardRatioLower()) + " to " + ratio(in.hazardRatioUpper()) + ")";
        boolean estimable = Double.isFinite(in.hazardRatio()) && in.hazardRatio() > 0
                && !Double.isNaN(in.hazardRatioLower()) && !Double.isNaN(in.hazardRatioUpper());

        int minEvents = MIN_EVENTS_PER_TERM * in.modelTerms();
        if (in.episodesMulti() < MIN_EPISODES_PER_GROUP || in.episodesIsolated() < MIN_EPISODES_PER_GROUP
                || in.events() < minEvents || !estimable) {
            StringBuilder s = new StringBuilder("There are not enough data yet to tell whether multi-factor plans "
                    + "reduce recurrence: ")
                    .append(count(in.episodesMulti())).append(" episodes with multi-factor plans and ")
                    .append(count(in.episodesIsolated())).append(" with isolated plans (at least ")
                    .append(MIN_EPISODES_PER_GROUP).append(" in each are needed), and ")
                    .append(count(in.events())).append(" recurrences for ").append(in.modelTerms())
                    .append(" model terms (at least ").append(count(minEvents)).append(" are needed, 10 per term).");
            if (estimable) {
                s.append(" The provisional ").append(estimate).append(" should not be relied on.");
            }
            s.append(' ').append(observational(in, estimable, rareOutcome));
            return new VerdictResult(VerdictCode.INSUFFICIENT_DATA, s.toString(), warnings);
        }

        String iptw = "the propensity-weighted (IPTW) hazard ratio is " + ratio(in.iptwHazardRatio());
        if (in.hazardRatioUpper() < 1 && in.iptwHazardRatio() < 1) {
            String s = across + ", patients with multi-factor plans had back pain return less often: " + estimate
                    + ", and " + iptw + ". This supports the claim that multi-factor plans prevent recurrence "
                    + "in this clinic. " + observational(in, true, rareOutcome);
            return new VerdictResult(VerdictCode.SUPPORTS, s, warnings);
        }
        if (in.hazardRatioLower() > 1) {
            String s = across + ", patients with multi-factor plans had back pain return more often: " + estimate
                    + " (" + iptw + "). This contradicts the claim that multi-factor plans prevent recurrence "
                    + "in this clinic. " + observational(in, true, rareOutcome);
            return new VerdictResult(VerdictCode.CONTRADICTS, s, warnings);
        }

        StringBuilder s = new StringBuilder(across)
                .append(", the data cannot yet tell whether multi-factor plans change how often back pain returns: ")
                .append(estimate);
        if (in.hazardRatioUpper() < 1) {
            s.append(", but ").append(iptw).append(", which does not confirm it");
        }
        s.append(". ");
        double proportionExposed = (double) in.episodesMulti() / episodes;
        if (in.events() > 0) {
            double mdhr = SchoenfeldPower.minimumDetectableHazardRatio(in.events(), proportionExposed, ALPHA, POWER);
            s.append("With ").append(count(in.events())).append(" recurrences, only a hazard ratio of ")
                    .append(ratio(mdhr)).append(" or further from 1 can be detected reliably (80 % power). ");
        }
        double hr = in.hazardRatio();
        if (Math.abs(Math.log(hr)) >= 0.01) {
            long needed = SchoenfeldPower.eventsNeeded(hr, proportionExposed, ALPHA, POWER);
            long more = Math.max(0, needed - in.events());
            s.append("Confirming a hazard ratio of ").append(ratio(hr)).append(" would need about ")
                    .append(count(needed)).append(" recurrences, ").append(count(more)).append(" more than now. ");
        } else {
            s.append("The estimate is so close to 1 that no realistic number of further recurrences would settle it. ");
        }
        s.append(observational(in, true, rareOutcome));
        return new VerdictResult(VerdictCode.INCONCLUSIVE, s.toString(), warnings);
    }

    private static String observational(VerdictInput in, boolean estimable, boolean rareOutcome) {
        String base = "These are observational data, not a randomised trial, so other differences between patients "
                + "may explain part of the result";
        if (!estimable) {
            return base + "; no E-value can be given without an adjusted estimate.";
        }
        EValueResult e = EValue.forRatio(in.hazardRatio(), in.hazardRatioLower(), in.hazardRatioUpper(), rareOutcome);
        String ci = e.ci() <= 1 ? "the confidence interval already includes no effect"
                : ratio(e.ci()) + " to make the confidence interval include no effect";
        return base + ": an unmeasured factor would need to be linked to both plan breadth and recurrence by a "
                + "risk ratio of " + ratio(e.point()) + " (E-value) to explain the estimate away, and " + ci + ".";
    }

    private static List<String> warnings(VerdictInput in) {
        List<String> w = new ArrayList<>();
        if (in.followUpCompleteness() < MIN_FOLLOW_UP) {
            w.add("Follow-up is incomplete: only " + percent(in.followUpCompleteness()) + " of episodes were followed "
                    + "to the horizon or to a recurrence (below 80 %), so recurrences may have been missed.");
        }
        if (in.minExpectedCell() < MIN_EXPECTED_CELL) {
            w.add("Small cells: the 2 x 2 table has a cell with fewer than 5 expected episodes ("
                    + String.format(Locale.ENGLISH, "%.1f", in.minExpectedCell())
                    + "), so use Fisher's exact p rather than the chi-square.");
        }
        if (!in.sparseFactors().isEmpty()) {
            w.add("Sparse factors (addressed in fewer than 10 % or more than 90 % of episodes, so their separate "
                    + "effects are imprecise): " + String.join(", ", in.sparseFactors()) + ".");
        }
        if (in.separation()) {
            w.add("Separation: in some group every episode (or none) recurred, so the logistic odds ratios are "
                    + "unreliable.");
        }
        if (!in.converged()) {
            w.add("Non-convergence: a model did not converge, so its estimates are unreliable.");
        }
        return w;
    }

    private static String count(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }

    private static String ratio(double value) {
        return Double.isFinite(value) ? String.format(Locale.ENGLISH, "%.2f", value) : "not estimable";
    }

    private static String percent(double share) {
        return String.format(Locale.ENGLISH, "%.0f %%", 100 * share);
    }
}
