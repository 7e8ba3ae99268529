package io.backstory.analytics;

import io.backstory.analytics.Wording.Num;
import java.util.ArrayList;
import java.util.List;

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

    private static final java.util.Set<String> COVARIATES = java.util.Set.of("age", "sex[F]", "sex[M]", "sex[X]",
            "chronicity[acute]", "chronicity[subacute]", "chronicity[chronic]", "baseline_nprs", "baseline_odi", "fabq_pa",
            "startback[low]", "startback[medium]", "startback[high]", "prior_episodes");
    private static final java.util.Set<String> FACTORS = java.util.Set.of(RecurrenceAnalysis.FACTOR_LABELS);

    private Verdict() {
    }

    /**
     * As {@link #decide(VerdictInput, boolean)} for a common outcome (recurrence by the horizon of 15 % or more).
     *
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
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
        List<Wording> warnings = warnings(in);
        int episodes = in.episodesMulti() + in.episodesIsolated();
        Wording across = Wording.of("verdict.across", episodes);
        Wording estimate = Wording.of(ev.therapists() >= 2 ? "verdict.estimate.sameTherapist" : "verdict.estimate",
                ratio(in.hazardRatio()), ratio(in.hazardRatioLower()), ratio(in.hazardRatioUpper()));
        boolean estimable = Double.isFinite(in.hazardRatio()) && in.hazardRatio() > 0
                && !Double.isNaN(in.hazardRatioLower()) && !Double.isNaN(in.hazardRatioUpper());

        int minEvents = MIN_EVENTS_PER_TERM * in.modelTerms();
        if (in.episodesMulti() < MIN_EPISODES_PER_GROUP || in.episodesIsolated() < MIN_EPISODES_PER_GROUP
                || in.events() < minEvents || !estimable) {
            List<Wording> s = new ArrayList<>();
            s.add(Wording.of("verdict.insufficient", in.episodesMulti(), in.episodesIsolated(), MIN_EPISODES_PER_GROUP,
                    in.events(), in.modelTerms(), minEvents, MIN_EVENTS_PER_TERM));
            if (estimable) {
                s.add(Wording.of("verdict.provisional", estimate));
            }
            s.add(observational(in, estimable, rareOutcome));
            return new VerdictResult(VerdictCode.INSUFFICIENT_DATA, Wording.sentences(s), List.of(), warnings);
        }

        VerdictEvidence.Interval primary = new VerdictEvidence.Interval(in.hazardRatio(), in.hazardRatioLower(),
                in.hazardRatioUpper());
        int direction = primary.below(1) ? -1 : primary.above(1) ? 1 : 0;
        List<Wording> reasons = new ArrayList<>();
        boolean bias = false;
        if (!ev.therapistKnown()) {
            reasons.add(Wording.of("verdict.reason.noTherapist"));
            bias = true;
        }
        if (direction == 0) {
            reasons.add(Wording.of("verdict.reason.includesOne", ratio(primary.estimate()), ratio(primary.lower()),
                    ratio(primary.upper())));
        } else {
            bias |= agree(reasons, ev.visits(), direction, "verdict.model.visits", Double.isFinite(ev.visitsChange())
                    ? Wording.of("verdict.explain.visits.change", Num.signedPercent(ev.visitsChange() - 1))
                    : Wording.of("verdict.explain.visits"));
            bias |= agree(reasons, ev.iptw(), direction, "verdict.model.iptw", Wording.of("verdict.explain.iptw"));
            bias |= agree(reasons, ev.ipcw(), direction, "verdict.model.ipcw", Wording.of("verdict.explain.ipcw"));
        }
        if (ev.imbalanced() == null) {
            reasons.add(Wording.of("verdict.reason.noWeighting"));
            bias = true;
        } else if (!ev.imbalanced().isEmpty()) {
            reasons.add(Wording.of("verdict.reason.imbalanced", ev.imbalanced().stream().map(Verdict::covariate).toList(),
                    Num.plain(BalanceTable.THRESHOLD)));
            bias = true;
        }
        double gap = ev.completenessMulti() - ev.completenessIsolated();
        if (!Double.isFinite(gap)) {
            reasons.add(Wording.of("verdict.reason.noCompleteness"));
            bias = true;
        } else if (Math.abs(gap) > MAX_COMPLETENESS_GAP) {
            List<Wording> r = new ArrayList<>();
            r.add(Wording.of("verdict.reason.completeness", Num.percent(ev.completenessMulti()),
                    Num.percent(ev.completenessIsolated()), Num.plain(Math.round(100 * MAX_COMPLETENESS_GAP))));
            if (Double.isFinite(ev.tippingShare()) && ev.tippingShare() <= 1) {
                r.add(Wording.of("verdict.reason.tipping", Num.percent(ev.tippingShare())));
            }
            reasons.add(Wording.sentences(r));
            bias = true;
        }
        boolean phTested = Double.isFinite(ev.phPlanP()) && Double.isFinite(ev.phGlobalP());
        if (!phTested) {
            reasons.add(Wording.of("verdict.reason.phUntested"));
        } else if (ev.phPlanP() < PH_ALPHA || ev.phGlobalP() < PH_ALPHA) {
            VerdictEvidence.Interval rd = ev.riskDifference();
            boolean confirmed = direction != 0 && rd != null && (direction < 0 ? rd.below(0) : rd.above(0));
            if (!confirmed) {
                Num plan = new Num(Num.Kind.P_VALUE, ev.phPlanP());
                Num global = new Num(Num.Kind.P_VALUE, ev.phGlobalP());
                if (rd == null || !rd.known()) {
                    reasons.add(Wording.of("verdict.reason.ph.noRd", plan, global, Num.plain(PH_ALPHA)));
                } else {
                    reasons.add(Wording.of(direction == 0 ? "verdict.reason.ph.rd.difference" : "verdict.reason.ph.rd",
                            plan, global, Num.plain(PH_ALPHA), Num.signedPercent(rd.estimate()),
                            Num.signedPercent(rd.lower()), Num.signedPercent(rd.upper())));
                }
            }
        }

        Wording checks = Wording.of("verdict.checks", ratio(ev.visits().estimate()), ratio(ev.iptw().estimate()),
                ratio(ev.ipcw().estimate()));
        if (reasons.isEmpty() && direction != 0) {
            Wording s = Wording.of(direction < 0 ? "verdict.supports" : "verdict.contradicts", across, estimate, checks,
                    observational(in, true, rareOutcome));
            return new VerdictResult(direction < 0 ? VerdictCode.SUPPORTS : VerdictCode.CONTRADICTS, s, reasons, warnings);
        }

        List<Wording> s = new ArrayList<>();
        s.add(Wording.of("verdict.inconclusive", across, estimate, reasons.size() == 1
                ? Wording.of("verdict.failed.one") : Wording.of("verdict.failed.many", reasons.size())));
        if (bias) {
            s.add(Wording.of("verdict.bias"));
        } else {
            double proportionExposed = (double) in.episodesMulti() / episodes;
            if (in.events() > 0) {
                double mdhr = SchoenfeldPower.minimumDetectableHazardRatio(in.events(), proportionExposed, ALPHA, POWER);
                s.add(Wording.of("verdict.detectable", in.events(), ratio(mdhr), Num.percent(POWER)));
            }
            double hr = in.hazardRatio();
            if (direction == 0 && Math.abs(Math.log(hr)) >= 0.01) {
                long needed = SchoenfeldPower.eventsNeeded(hr, proportionExposed, ALPHA, POWER);
                long more = Math.max(0, needed - in.events());
                s.add(Wording.of("verdict.needed", ratio(hr), needed, more));
            } else if (direction == 0) {
                s.add(Wording.of("verdict.tooClose"));
            }
        }
        s.add(observational(in, true, rareOutcome));
        return new VerdictResult(VerdictCode.INCONCLUSIVE, Wording.sentences(s), reasons, warnings);
    }

    /**
     * Adds a reason when {@code check} does not exclude 1 in {@code direction}; returns whether it added one.
     */
    private static boolean agree(List<Wording> reasons, VerdictEvidence.Interval check, int direction, String model,
                                 Wording explanation) {
        Wording which = Wording.of(model);
        if (!check.known()) {
            reasons.add(Wording.of("verdict.check.missing", which));
            return true;
        }
        boolean same = direction < 0 ? check.below(1) : check.above(1);
        if (same) {
            return false;
        }
        boolean opposite = direction < 0 ? check.above(1) : check.below(1);
        reasons.add(Wording.of(opposite ? "verdict.check.opposite" : "verdict.check.includesOne", which,
                ratio(check.estimate()), ratio(check.lower()), ratio(check.upper()), explanation));
        return true;
    }

    private static Wording observational(VerdictInput in, boolean estimable, boolean rareOutcome) {
        if (!estimable) {
            return Wording.of("verdict.observational.noEstimate");
        }
        EValueResult e = EValue.forRatio(in.hazardRatio(), in.hazardRatioLower(), in.hazardRatioUpper(), rareOutcome);
        Wording ci = e.ci() <= 1 ? Wording.of("verdict.evalue.ciIncludes") : Wording.of("verdict.evalue.ci", ratio(e.ci()));
        return Wording.of("verdict.observational", ratio(e.point()), ci);
    }

    private static List<Wording> warnings(VerdictInput in) {
        List<Wording> w = new ArrayList<>();
        if (in.followUpCompleteness() < MIN_FOLLOW_UP) {
            w.add(Wording.of("verdict.warning.followUp", Num.percent(in.followUpCompleteness()), Num.percent(MIN_FOLLOW_UP)));
        }
        if (in.minExpectedCell() < MIN_EXPECTED_CELL) {
            w.add(Wording.of("verdict.warning.smallCells", Num.plain(MIN_EXPECTED_CELL),
                    new Num(Num.Kind.ONE_DECIMAL, in.minExpectedCell())));
        }
        if (!in.sparseFactors().isEmpty()) {
            w.add(Wording.of("verdict.warning.sparse", in.sparseFactors().stream().map(Verdict::factor).toList()));
        }
        if (in.separation()) {
            w.add(Wording.of("verdict.warning.separation"));
        }
        if (!in.converged()) {
            w.add(Wording.of("verdict.warning.nonConvergence"));
        }
        int therapists = in.evidence().therapists();
        if (therapists >= 2 && therapists < CoxModel.FEW_CLUSTERS) {
            w.add(Wording.of("verdict.warning.fewTherapists", therapists, CoxModel.FEW_CLUSTERS));
        } else if (therapists == 1) {
            w.add(Wording.of("verdict.warning.oneTherapist"));
        }
        return w;
    }

    /** A factor's label ({@link RecurrenceAnalysis#FACTOR_LABELS}) in the reader's words; an unknown one as it is. */
    private static Object factor(String label) {
        return FACTORS.contains(label) ? Wording.of("verdict.factor." + label) : label;
    }

    /** A balance-table column in plain words ({@link AnalysisColumns#BALANCE_NAMES}); an unknown one as it is. */
    static Object covariate(String column) {
        return COVARIATES.contains(column) ? Wording.of("verdict.covariate." + column) : column;
    }

    private static Num ratio(double value) {
        return Num.ratio(value);
    }
}
