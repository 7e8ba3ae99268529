package io.backstory.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

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
 *
 * <p>The honest verdict (issue 10) adds, on the complete cases: the primary model stratified by therapist with a
 * cluster-robust variance by therapist (when the data say who treated each patient), with {@code cox.zph}; the
 * visits-adjusted model ({@code ns(visits, df = 3)}, same strata) and how far the HR moves; stabilised IPTW
 * truncated at the 1st/99th percentiles with robust CI, SMD balance and ESS; loss to follow-up by group with
 * IPCW (split at the clinic's check-in days) and the tipping point; and only when the PH test fails, the
 * piecewise HR at {@link PiecewiseCox#DEFAULT_CUT} days and the standardised risk difference at the horizon with
 * a seeded bootstrap CI; persistent pain by group and the composite outcome when recovery is known.
 */
public final class RecurrenceAnalysis {

    static final String[] FACTOR_TERMS = {"f_movement", "f_mobility", "f_strength", "f_recovery", "f_beliefs"};
    static final String[] FACTOR_LABELS = {"Movement", "Mobility", "Strength", "Recovery", "Beliefs"};
    private static final double CONFIDENCE = 0.95;

    /**
     * The factors' model terms ("f_movement" ...), in the order of {@link AnalysisEpisode}'s flags: the one
     * name a report uses for a factor, whose label the translations file holds under "term.f_movement".
     */
    public static List<String> factorTerms() {
        return List.of(FACTOR_TERMS);
    }
    /** Below this recurrence share the hazard ratio approximates the risk ratio (VanderWeele & Ding 2017). */
    private static final double RARE_OUTCOME = 0.15;

    /** The clinic default check-ins (1, 3, 6, 12 months after discharge) in days. */
    static final double[] DEFAULT_CHECK_IN_DAYS = {30, 91, 183, 365};
    /** Default recovery window: 30 pain-free days (Stanton 2011, DESIGN §2). */
    static final int DEFAULT_RECOVERY_DAYS = 30;
    /** Bootstrap replicates of the horizon risk difference (fitted only when the PH test fails). */
    static final int BOOTSTRAP_REPLICATES = 200;
    /** Seed of the bootstrap, so that the same data give the same report. */
    static final long BOOTSTRAP_SEED = 20261129L;

    private final int horizonDays;
    private final int isolatedMaxBreadth;
    private final double[] checkInDays;
    private final int recoveryDays;

    private RecurrenceAnalysis(int horizonDays, int isolatedMaxBreadth) {
        this(horizonDays, isolatedMaxBreadth, DEFAULT_CHECK_IN_DAYS, DEFAULT_RECOVERY_DAYS);
    }

    private RecurrenceAnalysis(int horizonDays, int isolatedMaxBreadth, double[] checkInDays, int recoveryDays) {
        if (horizonDays < 1) {
            throw new IllegalArgumentException("horizon: must be at least 1 day, was " + horizonDays);
        }
        if (isolatedMaxBreadth < 0 || isolatedMaxBreadth > 4) {
            throw new IllegalArgumentException("isolated-plan threshold: must be between 0 and 4 factors, was " + isolatedMaxBreadth);
        }
        this.horizonDays = horizonDays;
        this.isolatedMaxBreadth = isolatedMaxBreadth;
        this.checkInDays = checkInDays;
        this.recoveryDays = recoveryDays;
    }

    /** Horizon 365 days, isolated plan = breadth <= 1 (DESIGN §1-§2). */
    public static RecurrenceAnalysis withDefaults() {
        return new RecurrenceAnalysis(365, DesignMatrix.DEFAULT_ISOLATED_THRESHOLD);
    }

    public RecurrenceAnalysis withHorizonDays(int days) {
        return new RecurrenceAnalysis(days, isolatedMaxBreadth, checkInDays, recoveryDays);
    }

    public RecurrenceAnalysis withIsolatedMaxBreadth(int breadth) {
        return new RecurrenceAnalysis(horizonDays, breadth, checkInDays, recoveryDays);
    }

    /**
     * The clinic's check-in schedule in days after discharge: the censoring model of IPCW splits follow-up
     * there, because patients are lost on the day of their last answered check-in.
     */
    public RecurrenceAnalysis withCheckInDays(int... days) {
        if (days == null || days.length == 0) {
            throw new IllegalArgumentException("check-in days: at least one day is needed");
        }
        for (int d : days) {
            if (d < 1) {
                throw new IllegalArgumentException("check-in days: each must be at least 1 day after discharge, was " + d);
            }
        }
        return new RecurrenceAnalysis(horizonDays, isolatedMaxBreadth,
                Arrays.stream(days).sorted().distinct().asDoubleStream().toArray(), recoveryDays);
    }

    /** The recovery window (pain-free days) that decides when a patient who never recovered has failed. */
    public RecurrenceAnalysis withRecoveryDays(int days) {
        if (days < 1) {
            throw new IllegalArgumentException("recovery days: must be at least 1, was " + days);
        }
        return new RecurrenceAnalysis(horizonDays, isolatedMaxBreadth, checkInDays, days);
    }

    /**
     * As {@link #analyze(AnalysisDataset)}, the optional columns counting as present when any episode has them.
     *
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public AnalysisReport analyze(List<AnalysisEpisode> input) {
        if (input == null || input.isEmpty()) {
            throw new IllegalArgumentException("dataset: no discharged episodes to analyse");
        }
        return analyze(AnalysisDataset.of(input));
    }

    /**
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public AnalysisReport analyze(AnalysisDataset dataset) {
        if (dataset == null || dataset.episodes().isEmpty()) {
            throw new IllegalArgumentException("dataset: no discharged episodes to analyse");
        }
        List<AnalysisEpisode> input = dataset.episodes();
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
        String[] primaryNames = primary.names().toArray(String[]::new);
        // The therapist of every complete case: strata and clusters of the primary model (issue 10, item 2).
        int m = primary.rows();
        String[] therapist = new String[m];
        boolean therapistKnown = m > 0;
        Set<String> therapistCodes = new LinkedHashSet<>();
        for (int k = 0; k < m; k++) {
            therapist[k] = data.therapist[data.rowIndex[k]];
            if (therapist[k] == null) {
                therapistKnown = false;
            } else {
                therapistCodes.add(therapist[k]);
            }
        }
        int therapists = therapistKnown ? therapistCodes.size() : 0;
        List<Wording> notChecked = new ArrayList<>();
        if (!therapistKnown) {
            notChecked.add(Wording.of(dataset.hasColumn(AnalysisDataset.THERAPIST_ID)
                    ? "verdict.notChecked.someTherapists" : "verdict.notChecked.noTherapistColumn"));
        }
        if (!dataset.hasColumn(AnalysisDataset.LOCATION_ID)) {
            notChecked.add(Wording.of("verdict.notChecked.noLocationColumn"));
        }
        if (!dataset.hasColumn(AnalysisDataset.RECOVERED)) {
            notChecked.add(Wording.of("verdict.notChecked.noRecoveredColumn"));
        }
        // Models that read the same covariates in the same row order share one working design (DesignCache; ~100 MB
        // and 60-90 ms each at a million rows): first those in input order (the plain model and IPCW's censoring and
        // outcome models), then those in therapist order (the stratified primary and the composite model). Each
        // group runs together so that only one shared design sits in the heap; the fits themselves are unchanged.
        // Failures of the moved fits are reported in the order the report lists them (their own warning lists).
        // The fits that share nothing with the Cox chain below (per factor, logistic at the horizon, truncated IPTW,
        // loss to follow-up) run meanwhile on a second thread: a fit's row passes already use both cores, but its
        // serial parts (event-time grouping, design statistics, balance table, Kaplan-Meier) leave one idle. Each
        // side fit writes its own failure list, merged below in the order the report has always listed them, and
        // every fit is deterministic whatever the timing, so the report is unchanged.
        DesignMatrix propensity = data.design(false, false, false);
        String[] covariateNames = propensity.names().toArray(String[]::new);
        List<String> sideNotFitted = new ArrayList<>(2);
        List<String> iptwFailure = new ArrayList<>(1);
        List<String> lossFailure = new ArrayList<>(1);
        FitMemory memory = FitMemory.ofHeap();
        int p = primary.names().size();
        SideFits side = SideFits.start(() -> {
            LossToFollowUpResult lossResult = fitOrNull(() -> LossToFollowUp.atHorizon(horizonDays).analyze(time, event, multi),
                    "loss to follow-up", lossFailure);
            // Truncated IPTW with robust CI, SMDs before/after and ESS (item 4).
            // the propensity design, the weighted Cox model's and three reference-level balance columns
            PropensityWeightingResult iptwResult = memory.run(FitMemory.fitBytes(m, p + 3), () -> fitOrNull(
                    () -> PropensityWeighting.withDefaults().fit(propensity.time(), propensity.event(),
                            propensity.multifactor(), propensity.columns(), covariateNames, data.balanceColumns(),
                            AnalysisColumns.BALANCE_NAMES), "propensity weighting", iptwFailure));
            // the evaluable complete cases, read through their positions in the primary columns (no copy): the
            // working design with its intercept (p + 1 per row)
            LogisticResult logisticResult = memory.run(FitMemory.fitBytes(m, p + 1), () -> {
                int[] horizonRows = data.completeRows(evaluable);
                boolean[] recurred = Columns.gather(primary.event(), horizonRows);
                return orNotFitted("Logistic model at the horizon", sideNotFitted,
                        () -> LogisticModel.withDefaults().fitRows(recurred, primary.columns(), primaryNames, horizonRows),
                        reason -> new LogisticResult(List.of(), Double.NaN, Double.NaN, 0, true, false, List.of(),
                                List.of(), horizonRows.length));
            });
            List<String> factorNotFitted = new ArrayList<>(1);
            CoxResult factorsResult = memory.run(FitMemory.fitBytes(m, p + FACTOR_TERMS.length - 1),
                    () -> fitCox("Cox model by factor", factorNotFitted, data.design(true, true, false)));
            // the report lists the factor model's failure before the logistic model's
            sideNotFitted.addAll(0, factorNotFitted);
            return new SideFits.Results(lossResult, iptwResult, logisticResult, factorsResult);
        });
        DesignCache designs = new DesignCache();
        CoxModel plainModel = CoxModel.withDefaults();
        boolean stratified = therapists >= 2;
        CoxModel primaryModel = stratified ? plainModel.withStrataAndClusters(therapist) : plainModel;
        CoxModel inputOrder = plainModel.withDesignCache(designs);
        CoxModel primaryShared = primaryModel.withDesignCache(designs);
        CoxResult cox;
        CoxResult primaryFit;
        // Persistent pain (item 7): non-recovery by group, and the composite "never recovered or recurred", fitted
        // with the primary model (stratified: on its design; without therapists: on the plain design above).
        PersistentPainResult persistentPain = null;
        PersistentPain.Composite compositeOutcome = null;
        if (dataset.hasColumn(AnalysisDataset.RECOVERED)) {
            persistentPain = PersistentPain.compare(multi, data.recovered);
            Boolean[] recoveredComplete = new Boolean[m];
            for (int k = 0; k < m; k++) {
                recoveredComplete[k] = data.recovered[data.rowIndex[k]];
            }
            compositeOutcome = PersistentPain.composite(primary.time(), primary.event(), recoveredComplete, recoveryDays);
        }
        PersistentPain.Composite c = compositeOutcome;
        List<String> compositeFailure = new ArrayList<>(1);
        List<String> ipcwFailure = new ArrayList<>(1);
        IpcwResult ipcw;
        CoxResult composite;
        // The visits model's columns are the primary columns followed by ns(visits)'s three. Stratified, it runs first
        // in therapist order and its design serves the stratified primary and composite models too, through its
        // leading columns (DesignCache): one design of p + 3 columns instead of one of p and one of p + 3 (~100 MB).
        // the shared design lives from the plain model through the composite model; IPCW's intervals only during IPCW.
        // Both are claimed at once, IPCW's part given back after it: a claim made while holding another could wait
        // forever behind the side thread's (FitMemory.claim).
        long ipcwBytes = FitMemory.ipcwBytes(m);
        int sharedHeld = memory.claim(FitMemory.fitBytes(m, p + DesignMatrix.VISITS_SPLINE_DF) + ipcwBytes);
        CoxResult coxWithVisits;
        try {
            if (stratified) {
                cox = fitCox("Cox model (primary)", notFitted, primary, () -> inputOrder.fit(primary.time(), primary.event(),
                        primary.columns(), primaryNames));
            } else {
                cox = fitCox("Cox model (primary)", notFitted, primary, () -> inputOrder.withProportionalHazardsTest(PhTransform.KM)
                        .fit(primary.time(), primary.event(), primary.columns(), primaryNames));
            }

            // Loss to follow-up (item 5), IPCW part: on the complete cases, in input order (shares the plain design).
            double[] cuts = Arrays.stream(checkInDays).filter(d -> d < horizonDays).toArray();
            ipcw = fitOrNull(() -> Ipcw.withDefaults().withHorizonDays(horizonDays)
                    .withSplitTimes(cuts.length == 0 ? null : cuts).withDesignCache(designs).withoutIntervals()
                    .fit(primary.time(), primary.event(), primary.multifactor(), propensity.columns(), covariateNames,
                            primary.columns(), primaryNames), "IPCW", ipcwFailure);
            sharedHeld = memory.releasePart(sharedHeld, ipcwBytes);

            // the spline's columns are made after IPCW, whose intervals are the analysis's largest transient
            DesignMatrix withVisits = primary.withVisitsSpline(data.visits);
            if (stratified) {
                designs.clear();  // the input-order design is done with; the stratified one replaces it
                coxWithVisits = fitWithVisits(notFitted, withVisits, primaryShared);
                primaryFit = fitOrNull(() -> primaryShared.withProportionalHazardsTest(PhTransform.KM)
                        .fit(primary.time(), primary.event(), primary.columns(), primaryNames), "stratified Cox model", warnings);
            } else {
                primaryFit = cox;
                coxWithVisits = null;
            }
            composite = c == null ? null : fitOrNull(() -> primaryShared.fit(c.time(), c.event(), primary.columns(),
                    primaryNames), "composite-outcome Cox model", compositeFailure);
            designs.clear();
            if (!stratified) {
                // without strata the composite model read the plain design in input order; the visits model builds
                // its own once that is released, so that only one design sits in the heap
                coxWithVisits = fitWithVisits(notFitted, withVisits, primaryModel);
            }
        } finally {
            memory.release(sharedHeld);
        }
        if (primaryFit == null) {
            primaryFit = cox;
        }
        CoxResult primaryResult = primaryFit;
        HazardRatioChange visitsChange = hasExposure(primaryResult) && hasExposure(coxWithVisits)
                ? HazardRatioChange.of(primaryResult, coxWithVisits, "multifactor") : null;
        SideFits.Results sideResults = side.join();
        notFitted.addAll(sideNotFitted);
        CoxResult coxFactors = sideResults.factors();
        List<FactorEffect> factors = factorEffects(coxFactors);
        LogisticResult logistic = sideResults.logistic();
        PropensityWeightingResult iptw = sideResults.iptw();
        // Loss to follow-up (item 5): completeness and reverse KM by group on every episode (IPCW above).
        LossToFollowUpResult loss = sideResults.loss();
        warnings.addAll(iptwFailure);
        warnings.addAll(lossFailure);
        warnings.addAll(ipcwFailure);

        // Proportional hazards (item 6): only when it fails, the piecewise HR and the horizon risk difference.
        PhTestResult ph = primaryResult.phTest();
        double phPlanP = Double.NaN;
        double phGlobalP = Double.NaN;
        if (ph != null) {
            phGlobalP = ph.global().p();
            phPlanP = ph.terms().stream().filter(t -> t.name().equals("multifactor")).mapToDouble(PhTestTerm::p)
                    .findFirst().orElse(Double.NaN);
        }
        PiecewiseCoxResult piecewise = null;
        RiskDifferenceResult riskDifference = null;
        if (Double.isFinite(phPlanP) && (phPlanP < Verdict.PH_ALPHA || phGlobalP < Verdict.PH_ALPHA)) {
            piecewise = fitOrNull(() -> PiecewiseCox.withDefaults().withModel(primaryModel)
                    .fit(primary.time(), primary.event(), primary.columns(), primaryNames, "multifactor"),
                    "piecewise Cox model", warnings);
            riskDifference = fitOrNull(() -> HorizonRiskDifference.atHorizon(horizonDays)
                    .withBootstrap(BOOTSTRAP_REPLICATES, new SplittableRandom(BOOTSTRAP_SEED))
                    .estimate(propensity.time(), propensity.event(), propensity.multifactor(), propensity.columns(),
                            covariateNames), "horizon risk difference", warnings);
        }
        warnings.addAll(compositeFailure);

        ModelTerm exposure = exposureTerm(primaryResult);
        double overallRate = (double) (binEvents[0] + binEvents[1]) / Math.max(1, binN[0] + binN[1]);
        boolean rareOutcome = overallRate < RARE_OUTCOME;
        EValueResult eValue = Double.isFinite(exposure.ratio())
                ? EValue.forRatio(exposure.ratio(), exposure.lower(), exposure.upper(), rareOutcome)
                : new EValueResult(Double.NaN, Double.NaN);
        int coxMulti = count(primary.multifactor(), true);
        int coxIsolated = primary.rows() - coxMulti;
        double proportionMulti = primary.rows() == 0 ? Double.NaN : (double) coxMulti / primary.rows();
        double minDetectableHr = primaryResult.events() > 0 && coxMulti > 0 && coxIsolated > 0
                ? SchoenfeldPower.minimumDetectableHazardRatio(primaryResult.events(), proportionMulti, 0.05, 0.80)
                : Double.NaN;

        List<String> sparse = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            double share = (double) data.factorCounts[f] / n;
            if (share < 0.10 || share > 0.90) {
                sparse.add(FACTOR_LABELS[f]);
            }
        }
        boolean converged = cox.converged() && primaryResult.converged() && coxFactors.converged()
                && coxWithVisits.converged() && logistic.converged();
        VerdictEvidence evidence = new VerdictEvidence(therapistKnown, therapists,
                VerdictEvidence.Interval.of(exposureOrNull(coxWithVisits)),
                visitsChange == null ? Double.NaN : visitsChange.ratio(),
                iptw == null ? null : new VerdictEvidence.Interval(iptw.hr(), iptw.lower(), iptw.upper()),
                iptw == null ? null : iptw.balance().imbalanced(),
                ipcw == null || ipcw.outcomeModel() == null ? null : VerdictEvidence.Interval.of(exposureOrNull(ipcw.outcomeModel())),
                loss == null ? Double.NaN : loss.multi().completeness(),
                loss == null ? Double.NaN : loss.isolated().completeness(),
                loss == null ? Double.NaN : loss.tippingShare(), phPlanP, phGlobalP,
                riskDifference == null ? null
                        : new VerdictEvidence.Interval(riskDifference.difference(), riskDifference.lower(), riskDifference.upper()));
        VerdictResult verdict = Verdict.decide(new VerdictInput(coxMulti, coxIsolated, primaryResult.events(),
                primary.names().size(), exposure.ratio(), exposure.lower(), exposure.upper(),
                iptw == null ? Double.NaN : iptw.hr(), followUpCompleteness, minExpectedCell(binN, binEvents), sparse,
                logistic.separation(), converged, evidence), rareOutcome);
        verdict = new VerdictResult(verdict.code(), verdict.wording(), verdict.reasonWordings(),
                concat(notChecked, verdict.warningWordings()));
        warnings.addAll(notFitted);
        warnings.addAll(cox.warnings());
        if (primaryResult != cox) {
            warnings.addAll(primaryResult.warnings().stream().map(w -> "stratified Cox model: " + w).toList());
        }
        warnings.addAll(logistic.warnings());
        if (iptw != null) {
            // imbalance is a reason of the verdict, in plain words; not repeated here with column names
            warnings.addAll(iptw.warnings().stream().filter(w -> !w.startsWith("covariates still unbalanced"))
                    .map(w -> "IPTW: " + w).toList());
        }
        if (loss != null) {
            warnings.addAll(loss.warnings());
        }
        if (ipcw != null) {
            warnings.addAll(ipcw.warnings().stream().map(w -> "IPCW: " + w).toList());
        }

        double timingMs = (System.nanoTime() - started) / 1e6;
        return new AnalysisReport(n, events, horizonDays, isolatedMaxBreadth, followUpCompleteness,
                isolatedRate, multiRate, twoByTwo, trend, kmIsolated, kmMulti, logRank, logRankBreadth,
                cox, primaryResult, therapists, coxWithVisits, visitsChange, logistic, factors, iptw, loss, ipcw,
                piecewise, riskDifference, persistentPain, composite, eValue, minDetectableHr, verdict,
                List.copyOf(warnings), timingMs);
    }

    /** Runs a model that the data may not support (a group without events, a resample without a group). */
    private static <T> T fitOrNull(java.util.function.Supplier<T> fit, String what, List<String> warnings) {
        try {
            return fit.get();
        } catch (IllegalArgumentException | ArithmeticException e) {
            warnings.add(what + " could not be fitted: " + e.getMessage());
            return null;
        }
    }

    private static boolean hasExposure(CoxResult fit) {
        return exposureOrNull(fit) != null;
    }

    private static ModelTerm exposureOrNull(CoxResult fit) {
        return fit == null ? null : fit.terms().stream().filter(t -> t.name().equals("multifactor")).findFirst().orElse(null);
    }

    private static List<Wording> concat(List<Wording> a, List<Wording> b) {
        List<Wording> out = new ArrayList<>(a);
        out.addAll(b);
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

    private static CoxResult fitWithVisits(List<String> notFitted, DesignMatrix withVisits, CoxModel model) {
        return fitCox("Cox model with visits", notFitted, withVisits, () -> model.fit(withVisits.time(), withVisits.event(),
                withVisits.columns(), withVisits.names().toArray(String[]::new)));
    }

    private static CoxResult fitCox(String model, List<String> notFitted, DesignMatrix design) {
        return fitCox(model, notFitted, design, () -> CoxModel.withDefaults().fit(design.time(), design.event(), design.columns(),
                design.names().toArray(String[]::new)));
    }

    private static CoxResult fitCox(String model, List<String> notFitted, DesignMatrix design, java.util.function.Supplier<CoxResult> fit) {
        return orNotFitted(model, notFitted, fit, reason -> new CoxResult(List.of(), Double.NaN, Double.NaN, Double.NaN, 0,
                Double.NaN, 0, true, List.of(), List.of(), design.rows(), count(design.event(), true), Double.NaN, 1, 0, null));
    }

    /**
     * The fitted result, or the empty one when the data cannot support the model (one plan group, no event, one
     * outcome only): the report then says which model was not fitted and why, instead of failing as a whole.
     */
    private static <T> T orNotFitted(String model, List<String> notFitted, java.util.function.Supplier<T> fit,
                                     java.util.function.Function<String, T> empty) {
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
