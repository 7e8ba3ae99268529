package io.backstory.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

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
        // One pass: truncated follow-up and every model's covariate columns, shared by the designs below.
        AnalysisColumns data = AnalysisColumns.of(input, horizonDays, isolatedMaxBreadth);
        int n = data.n;
        double[] time = data.time;
        boolean[] event = data.event;
        boolean[] multi = data.multi;
        int[] breadth = data.breadth;
        int events = 0;
        // Binary analysis at the horizon, isolated = index 0, multi = 1; and by breadth 0..5.
        int[] binN = new int[2];
        int[] binEvents = new int[2];
        int[] breadthN = new int[6];
        int[] breadthEvents = new int[6];
        boolean[] evaluable = new boolean[n];
        int evaluableCount = 0;
        for (int i = 0; i < n; i++) {
            if (event[i]) {
                events++;
            }
            if (event[i] || data.reachedHorizon[i]) {
                int g = multi[i] ? 1 : 0;
                binN[g]++;
                breadthN[breadth[i]]++;
                if (event[i]) {
                    binEvents[g]++;
                    breadthEvents[breadth[i]]++;
                }
                evaluable[i] = true;
                evaluableCount++;
            }
        }
        double followUpCompleteness = (double) evaluableCount / n;

        ProportionEstimate isolatedRate = WilsonInterval.of(binEvents[0], binN[0], CONFIDENCE);
        ProportionEstimate multiRate = WilsonInterval.of(binEvents[1], binN[1], CONFIDENCE);
        // A clinic with too little data (one plan group, no recurrence yet) still gets a report: a model that
        // cannot be fitted is reported as not fitted, with the reason, and the verdict says the data are insufficient.
        List<String> notFitted = new ArrayList<>();
        TwoByTwoResult twoByTwo = orNotFitted("2x2 comparison", notFitted,
                () -> TwoByTwo.compare(binEvents[1], binN[1], binEvents[0], binN[0]), RecurrenceAnalysis::noTwoByTwo);
        TrendResult trend = breadthTrend(breadthN, breadthEvents);

        // Sort once by time; both curves and both log-rank tests walk the same order.
        int[] order = RowOrder.byTime(time);
        double[] sortedTime = new double[n];
        boolean[] sortedEvent = new boolean[n];
        int[] sortedGroup = new int[n];
        int[] sortedBreadth = new int[n];
        int multiCount = 0;
        for (int i = 0; i < n; i++) {
            int r = order[i];
            sortedTime[i] = time[r];
            sortedEvent[i] = event[r];
            sortedGroup[i] = multi[r] ? 1 : 0;
            sortedBreadth[i] = breadth[r];
            multiCount += sortedGroup[i];
        }
        order = null;
        SurvivalCurve kmIsolated = curve(sortedTime, sortedEvent, sortedGroup, 0, n - multiCount);
        SurvivalCurve kmMulti = curve(sortedTime, sortedEvent, sortedGroup, 1, multiCount);
        LogRankResult logRank = logRank("Log-rank test (multi-factor vs isolated)", notFitted, sortedTime, sortedEvent, sortedGroup);
        LogRankResult logRankBreadth = logRank("Log-rank test by plan breadth", notFitted, sortedTime, sortedEvent, sortedBreadth);
        sortedTime = null;
        sortedEvent = null;
        sortedGroup = null;
        sortedBreadth = null;

        DesignMatrix primary = data.design(true, false, false);
        if (primary.excludedCount() > 0) {
            warnings.add(primary.excludedCount() + " episodes with missing covariates were left out of the adjusted models (complete cases).");
        }
        CoxResult cox = fitCox("Cox model (primary)", notFitted, primary);
        CoxResult coxWithVisits = fitCox("Cox model with visits", notFitted, data.design(true, false, true));
        CoxResult coxFactors = fitCox("Cox model by factor", notFitted, data.design(true, true, false));
        List<FactorEffect> factors = factorEffects(coxFactors);

        DesignMatrix horizonDesign = data.design(evaluable, true, false, false);
        DesignMatrix logisticDesign = horizonDesign;
        LogisticResult logistic = orNotFitted("Logistic model at the horizon", notFitted, () -> LogisticModel.withDefaults()
                .fit(logisticDesign.event(), logisticDesign.columns(), logisticDesign.names().toArray(String[]::new)),
                reason -> new LogisticResult(List.of(), Double.NaN, Double.NaN, 0, true, false, List.of(), List.of(),
                        logisticDesign.rows()));
        horizonDesign = null;

        DesignMatrix propensity = data.design(false, false, false);
        IptwResult iptw = orNotFitted("Propensity-weighted (IPTW) Cox model", notFitted, () -> Iptw.estimate(propensity.time(),
                propensity.event(), propensity.multifactor(), propensity.columns(), propensity.names().toArray(String[]::new)),
                reason -> new IptwResult(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        List.of()));

        ModelTerm exposure = exposureTerm(cox);
        double overallRate = (double) (binEvents[0] + binEvents[1]) / Math.max(1, binN[0] + binN[1]);
        boolean rareOutcome = overallRate < RARE_OUTCOME;
        EValueResult eValue = Double.isFinite(exposure.ratio())
                ? EValue.forRatio(exposure.ratio(), exposure.lower(), exposure.upper(), rareOutcome)
                : new EValueResult(Double.NaN, Double.NaN);
        int coxMulti = count(primary.multifactor(), true);
        int coxIsolated = primary.rows() - coxMulti;
        double proportionMulti = primary.rows() == 0 ? Double.NaN : (double) coxMulti / primary.rows();
        double minDetectableHr = cox.events() > 0 && coxMulti > 0 && coxIsolated > 0
                ? SchoenfeldPower.minimumDetectableHazardRatio(cox.events(), proportionMulti, 0.05, 0.80)
                : Double.NaN;

        List<String> sparse = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            double share = (double) data.factorCounts[f] / n;
            if (share < 0.10 || share > 0.90) {
                sparse.add(FACTOR_LABELS[f]);
            }
        }
        boolean converged = cox.converged() && coxFactors.converged() && coxWithVisits.converged() && logistic.converged();
        VerdictResult verdict = Verdict.decide(new VerdictInput(coxMulti, coxIsolated, cox.events(), primary.names().size(),
                exposure.ratio(), exposure.lower(), exposure.upper(), iptw.hr(), followUpCompleteness,
                minExpectedCell(binN, binEvents), sparse, logistic.separation(), converged), rareOutcome);
        warnings.addAll(notFitted);
        warnings.addAll(cox.warnings());
        warnings.addAll(logistic.warnings());
        warnings.addAll(iptw.warnings());

        double timingMs = (System.nanoTime() - started) / 1e6;
        return new AnalysisReport(n, events, horizonDays, isolatedMaxBreadth, followUpCompleteness,
                isolatedRate, multiRate, twoByTwo, trend, kmIsolated, kmMulti, logRank, logRankBreadth,
                cox, coxWithVisits, logistic, factors, iptw, eValue, minDetectableHr, verdict,
                List.copyOf(warnings), timingMs);
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

    private static CoxResult fitCox(String model, List<String> notFitted, DesignMatrix design) {
        return orNotFitted(model, notFitted,
                () -> CoxModel.withDefaults().fit(design.time(), design.event(), design.columns(), design.names().toArray(String[]::new)),
                reason -> new CoxResult(List.of(), Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, 0, true, List.of(),
                        List.of(), design.rows(), count(design.event(), true), Double.NaN, 1, 0, null));
    }

    /**
     * The fitted result, or the empty one when the data cannot support the model (one plan group, no event, one
     * outcome only): the report then says which model was not fitted and why, instead of failing as a whole.
     */
    private static <T> T orNotFitted(String model, List<String> notFitted, Supplier<T> fit, Function<String, T> empty) {
        try {
            return fit.get();
        } catch (IllegalArgumentException | ArithmeticException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            notFitted.add(model + " not fitted: " + reason + ".");
            return empty.apply(reason);
        }
    }

    private static LogRankResult logRank(String model, List<String> notFitted, double[] time, boolean[] event, int[] group) {
        return orNotFitted(model, notFitted, () -> LogRank.sorted(time, event, group),
                reason -> new LogRankResult(Double.NaN, 0, Double.NaN, new double[0], new double[0], new int[0]));
    }

    private static TwoByTwoResult noTwoByTwo(String reason) {
        double nan = Double.NaN;
        return new TwoByTwoResult(nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan);
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

    /** Kaplan-Meier of one group, picked from the cohort already in time order. */
    private static SurvivalCurve curve(double[] sortedTime, boolean[] sortedEvent, int[] group, int level, int size) {
        double[] t = new double[size];
        boolean[] e = new boolean[size];
        for (int i = 0, k = 0; i < sortedTime.length; i++) {
            if (group[i] == level) {
                t[k] = sortedTime[i];
                e[k++] = sortedEvent[i];
            }
        }
        return KaplanMeier.fitSorted(t, e);
    }

    private static int count(boolean[] mask, boolean value) {
        int c = 0;
        for (boolean b : mask) {
            if (b == value) c++;
        }
        return c;
    }
}
