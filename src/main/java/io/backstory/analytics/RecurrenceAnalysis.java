package io.backstory.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole analysis of DESIGN §4 on one analysis dataset: does a multi-factor plan go with less
 * recurrence, adjusting for how sick patients were? Configured fluently and immutable, returning an
 * immutable {@link AnalysisReport}.
 *
 * <p>Follow-up is truncated at the horizon for every survival analysis (time = min(time, horizon),
 * an event only when it happened by the horizon), so the curves, the Cox models and the binary
 * analyses all answer the same question: recurrence within the horizon. For the binary (horizon)
 * analyses an episode counts when it recurred by the horizon or was followed for the whole horizon;
 * those censored earlier are left out and their share reported as follow-up incompleteness.
 */
public final class RecurrenceAnalysis {

    static final String[] FACTOR_TERMS = {"f_movement", "f_mobility", "f_strength", "f_recovery", "f_beliefs"};
    static final String[] FACTOR_LABELS = {"Movement", "Mobility", "Strength", "Recovery", "Beliefs"};
    private static final double CONFIDENCE = 0.95;
    /** Below this recurrence share the hazard ratio approximates the risk ratio (VanderWeele & Ding 2017). */
    private static final double RARE_OUTCOME = 0.15;

    private final int horizonDays;
    private final int isolatedMaxBreadth;

    private RecurrenceAnalysis(int horizonDays, int isolatedMaxBreadth) {
        if (horizonDays < 1) {
            throw new IllegalArgumentException("horizon: must be at least 1 day, was " + horizonDays);
        }
        if (isolatedMaxBreadth < 0 || isolatedMaxBreadth > 4) {
            throw new IllegalArgumentException("isolated-plan threshold: must be between 0 and 4 factors, was " + isolatedMaxBreadth);
        }
        this.horizonDays = horizonDays;
        this.isolatedMaxBreadth = isolatedMaxBreadth;
    }

    /** Horizon 365 days, isolated plan = breadth <= 1 (DESIGN §1-§2). */
    public static RecurrenceAnalysis withDefaults() {
        return new RecurrenceAnalysis(365, DesignMatrix.DEFAULT_ISOLATED_THRESHOLD);
    }

    public RecurrenceAnalysis withHorizonDays(int days) {
        return new RecurrenceAnalysis(days, isolatedMaxBreadth);
    }

    public RecurrenceAnalysis withIsolatedMaxBreadth(int breadth) {
        return new RecurrenceAnalysis(horizonDays, breadth);
    }

    public AnalysisReport analyze(List<AnalysisEpisode> input) {
        if (input == null || input.isEmpty()) {
            throw new IllegalArgumentException("dataset: no discharged episodes to analyse");
        }
        long started = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        List<AnalysisEpisode> episodes = truncated(input);
        int n = episodes.size();

        // Whole-cohort arrays for the unadjusted survival analyses.
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        boolean[] multi = new boolean[n];
        int[] breadth = new int[n];
        int events = 0;
        int[] factorCounts = new int[5];
        // Binary analysis at the horizon, isolated = index 0, multi = 1; and by breadth 0..5.
        int[] binN = new int[2];
        int[] binEvents = new int[2];
        int[] breadthN = new int[6];
        int[] breadthEvents = new int[6];
        List<AnalysisEpisode> evaluable = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AnalysisEpisode e = episodes.get(i);
            time[i] = e.timeDays();
            event[i] = e.recurred();
            breadth[i] = e.breadth();
            multi[i] = breadth[i] > isolatedMaxBreadth;
            if (e.recurred()) {
                events++;
            }
            countFactors(e, factorCounts);
            if (e.recurred() || e.timeDays() >= horizonDays) {
                int g = multi[i] ? 1 : 0;
                binN[g]++;
                breadthN[breadth[i]]++;
                if (e.recurred()) {
                    binEvents[g]++;
                    breadthEvents[breadth[i]]++;
                }
                evaluable.add(e);
            }
        }
        double followUpCompleteness = (double) evaluable.size() / n;

        ProportionEstimate isolatedRate = WilsonInterval.of(binEvents[0], binN[0], CONFIDENCE);
        ProportionEstimate multiRate = WilsonInterval.of(binEvents[1], binN[1], CONFIDENCE);
        TwoByTwoResult twoByTwo = TwoByTwo.compare(binEvents[1], binN[1], binEvents[0], binN[0]);
        TrendResult trend = breadthTrend(breadthN, breadthEvents);

        SurvivalCurve kmIsolated = KaplanMeier.fit(select(time, multi, false), select(event, multi, false));
        SurvivalCurve kmMulti = KaplanMeier.fit(select(time, multi, true), select(event, multi, true));
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            group[i] = multi[i] ? 1 : 0;
        }
        LogRankResult logRank = LogRank.test(time, event, group);
        LogRankResult logRankBreadth = LogRank.test(time, event, breadth);

        DesignMatrix primary = DesignMatrix.of(episodes, isolatedMaxBreadth);
        if (primary.excludedCount() > 0) {
            warnings.add(primary.excludedCount() + " episodes with missing covariates were left out of the adjusted models (complete cases).");
        }
        CoxResult cox = fitCox(primary);
        CoxResult coxWithVisits = fitCox(DesignMatrix.of(episodes, isolatedMaxBreadth, DesignMatrix.Terms.WITH_VISITS));
        CoxResult coxFactors = fitCox(DesignMatrix.of(episodes, isolatedMaxBreadth, DesignMatrix.Terms.FACTOR_COLUMNS));
        List<FactorEffect> factors = factorEffects(coxFactors);

        DesignMatrix horizonDesign = DesignMatrix.of(evaluable, isolatedMaxBreadth);
        LogisticResult logistic = LogisticModel.withDefaults()
                .fit(horizonDesign.event(), horizonDesign.columns(), horizonDesign.names().toArray(String[]::new));

        DesignMatrix propensity = DesignMatrix.of(episodes, isolatedMaxBreadth, DesignMatrix.Terms.WITHOUT_EXPOSURE);
        IptwResult iptw = Iptw.estimate(propensity.time(), propensity.event(), propensity.multifactor(),
                propensity.columns(), propensity.names().toArray(String[]::new));

        ModelTerm exposure = exposureTerm(cox);
        double overallRate = (double) (binEvents[0] + binEvents[1]) / Math.max(1, binN[0] + binN[1]);
        EValueResult eValue = Double.isFinite(exposure.ratio())
                ? EValue.forRatio(exposure.ratio(), exposure.lower(), exposure.upper(), overallRate < RARE_OUTCOME)
                : new EValueResult(Double.NaN, Double.NaN);
        int coxMulti = count(primary.multifactor(), true);
        int coxIsolated = primary.rows() - coxMulti;
        double proportionMulti = primary.rows() == 0 ? Double.NaN : (double) coxMulti / primary.rows();
        double minDetectableHr = cox.events() > 0 && coxMulti > 0 && coxIsolated > 0
                ? SchoenfeldPower.minimumDetectableHazardRatio(cox.events(), proportionMulti, 0.05, 0.80)
                : Double.NaN;

        List<String> sparse = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            double share = (double) factorCounts[f] / n;
            if (share < 0.10 || share > 0.90) {
                sparse.add(FACTOR_LABELS[f]);
            }
        }
        boolean converged = cox.converged() && coxFactors.converged() && coxWithVisits.converged() && logistic.converged();
        VerdictResult verdict = Verdict.decide(new VerdictInput(coxMulti, coxIsolated, cox.events(), primary.names().size(),
                exposure.ratio(), exposure.lower(), exposure.upper(), iptw.hr(), followUpCompleteness,
                minExpectedCell(binN, binEvents), sparse, logistic.separation(), converged));
        warnings.addAll(cox.warnings());
        warnings.addAll(logistic.warnings());
        warnings.addAll(iptw.warnings());

        double timingMs = (System.nanoTime() - started) / 1e6;
        return new AnalysisReport(n, events, horizonDays, isolatedMaxBreadth, followUpCompleteness,
                isolatedRate, multiRate, twoByTwo, trend, kmIsolated, kmMulti, logRank, logRankBreadth,
                cox, coxWithVisits, logistic, factors, iptw, eValue, minDetectableHr, verdict,
                List.copyOf(warnings), timingMs);
    }

    private List<AnalysisEpisode> truncated(List<AnalysisEpisode> input) {
        boolean beyond = input.stream().anyMatch(e -> e.timeDays() > horizonDays);
        if (!beyond) {
            return input;
        }
        List<AnalysisEpisode> out = new ArrayList<>(input.size());
        for (AnalysisEpisode e : input) {
            out.add(e.timeDays() <= horizonDays ? e : new AnalysisEpisode(e.episodeId(), e.movement(), e.mobility(),
                    e.strength(), e.recovery(), e.beliefs(), e.age(), e.sex(), e.chronicity(), e.baselineNprs(),
                    e.baselineOdi(), e.fabqPa(), e.startBack(), e.priorEpisodes(), e.visits(), horizonDays, false));
        }
        return out;
    }

    private static TrendResult breadthTrend(int[] totals, int[] events) {
        List<Integer> present = new ArrayList<>();
        for (int b = 0; b < totals.length; b++) {
            if (totals[b] > 0) {
                present.add(b);
            }
        }
        if (present.size() < 2) {
            return new TrendResult(Double.NaN, Double.NaN);
        }
        int[] x = new int[present.size()];
        int[] t = new int[present.size()];
        double[] scores = new double[present.size()];
        for (int k = 0; k < present.size(); k++) {
            int b = present.get(k);
            x[k] = events[b];
            t[k] = totals[b];
            scores[k] = b;
        }
        return TrendTest.cochranArmitage(x, t, scores);
    }

    private static CoxResult fitCox(DesignMatrix design) {
        return CoxModel.withDefaults().fit(design.time(), design.event(), design.columns(), design.names().toArray(String[]::new));
    }

    /** The multi-factor term, or NaNs when the model could not estimate it (a group without episodes). */
    static ModelTerm exposureTerm(CoxResult cox) {
        return cox.terms().stream().filter(t -> t.name().equals("multifactor")).findFirst()
                .orElse(new ModelTerm("multifactor", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
    }

    private static List<FactorEffect> factorEffects(CoxResult cox) {
        double[] p = new double[FACTOR_TERMS.length];
        ModelTerm[] terms = new ModelTerm[FACTOR_TERMS.length];
        for (int f = 0; f < FACTOR_TERMS.length; f++) {
            String name = FACTOR_TERMS[f];
            terms[f] = cox.terms().stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
            p[f] = terms[f] == null ? Double.NaN : terms[f].p();
        }
        double[] adjusted = BenjaminiHochberg.adjust(p);
        List<FactorEffect> out = new ArrayList<>();
        for (int f = 0; f < FACTOR_TERMS.length; f++) {
            ModelTerm t = terms[f];
            out.add(t == null
                    ? new FactorEffect(FACTOR_TERMS[f], Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                    : new FactorEffect(FACTOR_TERMS[f], t.ratio(), t.lower(), t.upper(), t.p(), adjusted[f]));
        }
        return out;
    }

    private static double minExpectedCell(int[] n, int[] events) {
        int total = n[0] + n[1];
        int allEvents = events[0] + events[1];
        if (total == 0) {
            return 0;
        }
        double min = Double.POSITIVE_INFINITY;
        for (int g = 0; g < 2; g++) {
            min = Math.min(min, (double) n[g] * allEvents / total);
            min = Math.min(min, (double) n[g] * (total - allEvents) / total);
        }
        return min;
    }

    private static void countFactors(AnalysisEpisode e, int[] counts) {
        if (e.movement()) counts[0]++;
        if (e.mobility()) counts[1]++;
        if (e.strength()) counts[2]++;
        if (e.recovery()) counts[3]++;
        if (e.beliefs()) counts[4]++;
    }

    private static double[] select(double[] values, boolean[] mask, boolean keep) {
        double[] out = new double[count(mask, keep)];
        for (int i = 0, k = 0; i < values.length; i++) {
            if (mask[i] == keep) out[k++] = values[i];
        }
        return out;
    }

    private static boolean[] select(boolean[] values, boolean[] mask, boolean keep) {
        boolean[] out = new boolean[count(mask, keep)];
        for (int i = 0, k = 0; i < values.length; i++) {
            if (mask[i] == keep) out[k++] = values[i];
        }
        return out;
    }

    private static int count(boolean[] mask, boolean value) {
        int c = 0;
        for (boolean b : mask) {
            if (b == value) c++;
        }
        return c;
    }
}
