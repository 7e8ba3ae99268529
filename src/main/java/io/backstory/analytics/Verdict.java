package io.backstory.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the analysis into the verdict card of DESIGN §4 and issue 10 ("the honest verdict"), in this order of rules:
 * <ol>
 *   <li><b>Insufficient data</b>: fewer than {@link #MIN_EPISODES_PER_GROUP} episodes in either group, or fewer than
 *       {@link #MIN_EVENTS_PER_TERM} events per model term (the usual events-per-variable floor below which Cox
 *       estimates are biased; Peduzzi et al. 1995, J Clin Epidemiol 48:1503), or no finite primary estimate;</li>
 *   <li><b>Supports</b> (fewer recurrences) or <b>contradicts</b> (more), only when every one of these holds in
 *       the same direction: the primary model (stratified by therapist, cluster-robust variance) excludes 1; the
 *       visits-adjusted model excludes 1; the truncated-IPTW model excludes 1 (robust interval); the IPCW model
 *       excludes 1; balance holds after weighting (every |SMD| below {@link BalanceTable#THRESHOLD}); follow-up
 *       completeness differs by at most {@link #MAX_COMPLETENESS_GAP} between the groups; and the
 *       proportional-hazards test passes for the plan and globally (p of at least {@link #PH_ALPHA}), or else
 *       the standardised risk difference at the horizon excludes 0 in the same direction. The therapist must be
 *       known: without it nothing can account for a therapist who both prefers broad plans and has patients who
 *       recur less;</li>
 *   <li><b>Inconclusive</b> otherwise, listing every check that failed in plain words. Only when chance (a wide
 *       interval) is the sole reason does it say how many recurrences would be needed; when bias is the problem
 *       it says that more data alone will not settle it.</li>
 * </ol>
 * Wording is about associations, never about prevention: these are a clinic's own observational records. Every
 * sentence says that other differences between patients could explain all of this and gives the E-value
 * ({@link EValue}: the common-outcome approximation unless recurrence is rare, the same choice as the report's
 * figures). Thresholds are the constants below, quoted from them in every sentence.
 */
public final class Verdict {

    static final int MIN_EPISODES_PER_GROUP = 30;
    static final int MIN_EVENTS_PER_TERM = 10;
    static final double ALPHA = 0.05;
    static final double POWER = 0.80;
    static final double MIN_FOLLOW_UP = 0.80;
    static final double MIN_EXPECTED_CELL = 5;
    /** Largest difference in follow-up completeness between the groups (a share: 0.05 = 5 points). */
    public static final double MAX_COMPLETENESS_GAP = 0.05;
    /** The Schoenfeld test of proportional hazards fails below this p-value. */
    public static final double PH_ALPHA = 0.05;

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
        VerdictEvidence ev = in.evidence();
        List<String> warnings = warnings(in);
        int episodes = in.episodesMulti() + in.episodesIsolated();
        String across = "Across " + count(episodes) + " discharged episodes";
        String estimate = "adjusted hazard ratio " + ratio(in.hazardRatio()) + " (95 % CI "
                + ratio(in.hazardRatioLower()) + " to " + ratio(in.hazardRatioUpper()) + ")"
                + (ev.therapists() >= 2 ? ", comparing patients of the same therapist" : "");
        boolean estimable = Double.isFinite(in.hazardRatio()) && in.hazardRatio() > 0
                && !Double.isNaN(in.hazardRatioLower()) && !Double.isNaN(in.hazardRatioUpper());

        int minEvents = MIN_EVENTS_PER_TERM * in.modelTerms();
        if (in.episodesMulti() < MIN_EPISODES_PER_GROUP || in.episodesIsolated() < MIN_EPISODES_PER_GROUP
                || in.events() < minEvents || !estimable) {
            StringBuilder s = new StringBuilder("There are not enough data yet to tell whether multi-factor plans "
                    + "go with more or fewer recurrences: ")
                    .append(count(in.episodesMulti())).append(" episodes with multi-factor plans and ")
                    .append(count(in.episodesIsolated())).append(" with isolated plans (at least ")
                    .append(MIN_EPISODES_PER_GROUP).append(" in each are needed), and ")
                    .append(count(in.events())).append(" recurrences for ").append(in.modelTerms())
                    .append(" model terms (at least ").append(count(minEvents)).append(" are needed, ")
                    .append(MIN_EVENTS_PER_TERM).append(" per term).");
            if (estimable) {
                s.append(" The provisional ").append(estimate).append(" should not be relied on.");
            }
            s.append(' ').append(observational(in, estimable, rareOutcome));
            return new VerdictResult(VerdictCode.INSUFFICIENT_DATA, s.toString(), List.of(), warnings);
        }

        VerdictEvidence.Interval primary = new VerdictEvidence.Interval(in.hazardRatio(), in.hazardRatioLower(),
                in.hazardRatioUpper());
        int direction = primary.below(1) ? -1 : primary.above(1) ? 1 : 0;
        List<String> reasons = new ArrayList<>();
        boolean bias = false;
        if (!ev.therapistKnown()) {
            reasons.add("The data do not say which therapist treated each patient, so a therapist who both gives "
                    + "more multi-factor plans and has patients who recur less (or more) for other reasons could "
                    + "explain the result.");
            bias = true;
        }
        if (direction == 0) {
            reasons.add("The main estimate, hazard ratio " + ratio(primary.estimate()) + " (95 % CI "
                    + ratio(primary.lower()) + " to " + ratio(primary.upper()) + "), includes 1: the data are "
                    + "compatible with no difference between the plans.");
        } else {
            bias |= agree(reasons, ev.visits(), direction, "With the number of visits in the model",
                    "more visits, rather than the breadth of the plan, could explain the difference"
                            + (Double.isFinite(ev.visitsChange()) ? " (the hazard ratio moves by "
                            + signedPercent(ev.visitsChange() - 1) + " when visits are added)" : ""));
            bias |= agree(reasons, ev.iptw(), direction, "With propensity weights (truncated at the 1st and 99th "
                    + "percentiles)", "the way patients were chosen for broad plans could explain the difference");
            bias |= agree(reasons, ev.ipcw(), direction, "Weighting for patients lost to follow-up (IPCW)",
                    "who stopped answering check-ins could explain the difference");
        }
        if (ev.imbalanced() == null) {
            reasons.add("The propensity weighting could not be done, so it is unknown whether the groups can be made "
                    + "comparable.");
            bias = true;
        } else if (!ev.imbalanced().isEmpty()) {
            reasons.add("Even after weighting, the two groups of patients differ in "
                    + String.join(", ", ev.imbalanced().stream().map(Verdict::covariate).toList())
                    + " (standardised difference of " + number(BalanceTable.THRESHOLD) + " or more), so they are "
                    + "not comparable.");
            bias = true;
        }
        double gap = ev.completenessMulti() - ev.completenessIsolated();
        if (!Double.isFinite(gap)) {
            reasons.add("Follow-up completeness by group could not be measured.");
            bias = true;
        } else if (Math.abs(gap) > MAX_COMPLETENESS_GAP) {
            StringBuilder r = new StringBuilder("Follow-up is less complete in one group: ")
                    .append(percent(ev.completenessMulti())).append(" of multi-factor and ")
                    .append(percent(ev.completenessIsolated())).append(" of isolated episodes were followed to the "
                            + "horizon or to a recurrence (more than ").append(points(MAX_COMPLETENESS_GAP))
                    .append(" apart). If patients whose pain came back stopped answering more often in one group, "
                            + "that group looks better than it is.");
            if (Double.isFinite(ev.tippingShare()) && ev.tippingShare() <= 1) {
                r.append(" It would take ").append(percent(ev.tippingShare()))
                        .append(" of the better-looking group's lost patients having recurred to erase the difference.");
            }
            reasons.add(r.toString());
            bias = true;
        }
        boolean phTested = Double.isFinite(ev.phPlanP()) && Double.isFinite(ev.phGlobalP());
        if (!phTested) {
            reasons.add("Whether the hazard ratio stays constant over follow-up could not be tested.");
        } else if (ev.phPlanP() < PH_ALPHA || ev.phGlobalP() < PH_ALPHA) {
            VerdictEvidence.Interval rd = ev.riskDifference();
            boolean confirmed = direction != 0 && rd != null && (direction < 0 ? rd.below(0) : rd.above(0));
            if (!confirmed) {
                String ph = "The hazard ratio changes over follow-up (Schoenfeld test p = " + pValue(ev.phPlanP())
                        + " for the plan, " + pValue(ev.phGlobalP()) + " overall, below " + number(PH_ALPHA) + ")";
                if (rd == null || !rd.known()) {
                    reasons.add(ph + ", and the risk difference at the horizon could not be estimated, so "
                            + "fewer recurrences cannot be told apart from later ones.");
                } else {
                    reasons.add(ph + ", and the adjusted difference in the share who had recurred by the horizon, "
                            + signedPercent(rd.estimate()) + " (95 % CI " + signedPercent(rd.lower()) + " to "
                            + signedPercent(rd.upper()) + "), does not confirm "
                            + (direction == 0 ? "a difference" : "it")
                            + ": multi-factor plans may go with later rather than fewer recurrences.");
                }
            }
        }

        String checks = "the result held with the number of visits in the model (hazard ratio "
                + ratio(ev.visits().estimate()) + "), with propensity weights (" + ratio(ev.iptw().estimate())
                + ") and with weights for patients lost to follow-up (" + ratio(ev.ipcw().estimate()) + ")";
        if (reasons.isEmpty() && direction < 0) {
            String s = across + ", patients with multi-factor plans had back pain return less often: " + estimate
                    + "; " + checks + ". The data support an association between multi-factor plans and fewer "
                    + "recurrences in this clinic; they do not show that the plans cause it. "
                    + observational(in, true, rareOutcome);
            return new VerdictResult(VerdictCode.SUPPORTS, s, reasons, warnings);
        }
        if (reasons.isEmpty() && direction > 0) {
            String s = across + ", patients with multi-factor plans had back pain return more often: " + estimate
                    + "; " + checks + ". The data point to an association between multi-factor plans and more "
                    + "recurrences in this clinic, the opposite of the claim; they do not show that the plans cause it. "
                    + observational(in, true, rareOutcome);
            return new VerdictResult(VerdictCode.CONTRADICTS, s, reasons, warnings);
        }

        StringBuilder s = new StringBuilder(across)
                .append(", the data do not show whether multi-factor plans go with more or fewer recurrences: ")
                .append(estimate).append(". ")
                .append(reasons.size() == 1 ? "One check did not hold" : count(reasons.size()) + " checks did not hold")
                .append(" (listed with this verdict). ");
        if (bias) {
            s.append("More data alone will not settle this: the problem is how the groups differ, not how many "
                    + "patients there are. ");
        } else {
            double proportionExposed = (double) in.episodesMulti() / episodes;
            if (in.events() > 0) {
                double mdhr = SchoenfeldPower.minimumDetectableHazardRatio(in.events(), proportionExposed, ALPHA, POWER);
                s.append("With ").append(count(in.events())).append(" recurrences, only a hazard ratio of ")
                        .append(ratio(mdhr)).append(" or further from 1 can be detected reliably (80 % power). ");
            }
            double hr = in.hazardRatio();
            if (direction == 0 && Math.abs(Math.log(hr)) >= 0.01) {
                long needed = SchoenfeldPower.eventsNeeded(hr, proportionExposed, ALPHA, POWER);
                long more = Math.max(0, needed - in.events());
                s.append("If the true hazard ratio were ").append(ratio(hr)).append(", telling it from 1 would take "
                        + "about ").append(count(needed)).append(" recurrences, ").append(count(more))
                        .append(" more than now. ");
            } else if (direction == 0) {
                s.append("The estimate is so close to 1 that no realistic number of further recurrences would settle it. ");
            }
        }
        s.append(observational(in, true, rareOutcome));
        return new VerdictResult(VerdictCode.INCONCLUSIVE, s.toString(), reasons, warnings);
    }

    /**
     * Adds a reason when {@code check} does not exclude 1 in {@code direction}; returns whether it added one.
     */
    private static boolean agree(List<String> reasons, VerdictEvidence.Interval check, int direction, String model,
                                 String explanation) {
        if (!check.known()) {
            reasons.add(model + ", the hazard ratio could not be estimated, so this check is missing.");
            return true;
        }
        boolean same = direction < 0 ? check.below(1) : check.above(1);
        if (same) {
            return false;
        }
        String where = (direction < 0 ? check.above(1) : check.below(1)) ? "points the other way" : "includes 1";
        reasons.add(model + ", the hazard ratio is " + ratio(check.estimate()) + " (95 % CI " + ratio(check.lower())
                + " to " + ratio(check.upper()) + "), which " + where + ": " + explanation + ".");
        return true;
    }

    private static String observational(VerdictInput in, boolean estimable, boolean rareOutcome) {
        String base = "These are observational data, not a randomised trial: other differences between patients "
                + "could explain all of this";
        if (!estimable) {
            return base + "; no E-value can be given without an adjusted estimate.";
        }
        EValueResult e = EValue.forRatio(in.hazardRatio(), in.hazardRatioLower(), in.hazardRatioUpper(), rareOutcome);
        String ci = e.ci() <= 1 ? "the confidence interval already includes no effect"
                : ratio(e.ci()) + " to make the confidence interval include no effect";
        return base + ". An unmeasured factor would need to be linked to both plan breadth and recurrence by a "
                + "risk ratio of " + ratio(e.point()) + " (E-value) to explain the estimate away, and " + ci + ".";
    }

    private static List<String> warnings(VerdictInput in) {
        List<String> w = new ArrayList<>();
        if (in.followUpCompleteness() < MIN_FOLLOW_UP) {
            w.add("Follow-up is incomplete: only " + percent(in.followUpCompleteness()) + " of episodes were followed "
                    + "to the horizon or to a recurrence (below " + percent(MIN_FOLLOW_UP) + "), so recurrences may have been missed.");
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
        int therapists = in.evidence().therapists();
        if (therapists >= 2 && therapists < CoxModel.FEW_CLUSTERS) {
            w.add("Only " + therapists + " therapists: the primary model's confidence interval (robust to how each "
                    + "therapist's patients resemble one another) is approximate with fewer than "
                    + CoxModel.FEW_CLUSTERS + " therapists.");
        } else if (therapists == 1) {
            w.add("One therapist treated every analysed patient, so differences between therapists cannot play a part.");
        }
        return w;
    }

    /** A balance-table column in plain words ({@link AnalysisColumns#BALANCE_NAMES}). */
    static String covariate(String column) {
        return switch (column) {
            case "age" -> "age";
            case "sex[F]" -> "sex (women)";
            case "sex[M]" -> "sex (men)";
            case "sex[X]" -> "sex (another sex)";
            case "chronicity[acute]" -> "how long the pain had lasted (acute)";
            case "chronicity[subacute]" -> "how long the pain had lasted (subacute)";
            case "chronicity[chronic]" -> "how long the pain had lasted (chronic)";
            case "baseline_nprs" -> "pain at the start (NPRS)";
            case "baseline_odi" -> "disability at the start (ODI)";
            case "fabq_pa" -> "fear-avoidance beliefs (FABQ-PA)";
            case "startback[low]" -> "STarT Back risk (low)";
            case "startback[medium]" -> "STarT Back risk (medium)";
            case "startback[high]" -> "STarT Back risk (high)";
            case "prior_episodes" -> "earlier episodes of back pain";
            default -> column;
        };
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

    /** A share as signed percentage points or percent change: -0.041 is "-4.1 %". */
    private static String signedPercent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ENGLISH, "%+.1f %%", 100 * share) : "not estimable";
    }

    private static String points(double share) {
        return String.format(Locale.ENGLISH, "%.0f points", 100 * share);
    }

    private static String number(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String pValue(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ENGLISH, "%.3f", p);
    }
}
