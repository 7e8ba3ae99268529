package io.backstory.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §6 with issue 10's models: the existing analysis plus the fits the honest verdict adds, on the same
 * 100,000- and 1,000,000-episode files as {@link AnalysisBenchmark} (generated there, kept in target/bench/ so
 * bench/r-cox-extensions.R times R on the very same rows). Timed per run, after warm-up:
 * <ol>
 * <li>{@code analysis}: {@link RecurrenceAnalysis#analyze} as today (every model of DESIGN §4);
 * <li>{@code stratified}: the primary model stratified by therapist with cluster-robust variance by therapist
 *     and {@code cox.zph} (R: {@code coxph(... + strata(therapist), cluster = therapist)}, {@code cox.zph(fit)});
 * <li>{@code visits}: the same with {@code ns(visits, df = 3)} added;
 * <li>{@code ipcw}: follow-up split at 30, 90 and 180 days (the check-ins), a weight per interval, the
 *     intervals sharing their episode's covariate row, robust variance clustered by episode (R: {@code survSplit}
 *     then {@code coxph(Surv(tstart, time, status) ~ ..., weights = wt, cluster = id)});
 * <li>{@code piecewise} (only when the PH test fails, so reported apart): the plan's HR before and after 90 days.
 * </ol>
 * The data sets have no therapist column yet, so each complete case gets therapist {@code (i * 7919) % 40 + 1}
 * from its 0-based input row i (R: {@code ((i - 1) * 7919) %% 40 + 1}), and the interval weights are
 * {@code 1 + 0.25 (period - 1)}, not a fitted censoring model: the costs do not depend on the values.
 *
 * <pre>
 * ./mvnw -Pbench -o surefire:test -Dtest=CoxExtensionsBenchmark     (the bench profile caps the heap at 1 GiB)
 * bench/run-cox-extensions-benchmark.sh                             (this, then R on the same files)
 * </pre>
 * Not a test: it prints figures (target/bench/java-cox-extensions.csv) and asserts only the heap cap.
 */
@Tag("bench")
class CoxExtensionsBenchmark {

    static final int THERAPISTS = 40;
    static final double[] CHECK_INS = {30, 90, 180};
    private static final Path DIR = Path.of("target", "bench");
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 2);
    private static final int RUNS = Integer.getInteger("bench.runs", 5);
    private static final String[] STEPS = {"analysis", "stratified", "visits", "ipcw", "piecewise"};

    @Test
    void shouldPrintTheTimeOfTheAddedFitsWhenAnalysingOneHundredThousandAndOneMillionEpisodes() throws IOException {
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT, "max heap %.0f MiB, %d processors, %s, load average %.2f%n", maxHeap / 1048576.0,
                Runtime.getRuntime().availableProcessors(), Runtime.version(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        assertThat(maxHeap).as("run with -Xmx1g (the bench profile sets it)").isLessThanOrEqualTo(1L << 30);
        Files.createDirectories(DIR);
        Path results = DIR.resolve("java-cox-extensions.csv");
        Files.writeString(results, "episodes,step,median_ms,min_ms,max_ms,median_cpu_ms,runs\n");
        for (int size : new int[] {100_000, 1_000_000}) {
            List<AnalysisEpisode> episodes = AnalysisCsv.read(AnalysisBenchmark.dataset(size));
            for (int i = 0; i < WARM_UP; i++) {
                run(episodes, null);
            }
            double[][] wall = new double[STEPS.length + 2][RUNS];
            double[][] cpu = new double[STEPS.length + 2][RUNS];
            long peak = 0;
            for (int r = 0; r < RUNS; r++) {
                System.gc();
                AnalysisBenchmark.resetPeaks();
                double[][] t = new double[2][STEPS.length];
                String summary = run(episodes, t);
                peak = Math.max(peak, AnalysisBenchmark.heapPeak());
                for (int s = 0; s < STEPS.length; s++) {
                    wall[s][r] = t[0][s];
                    cpu[s][r] = t[1][s];
                }
                // the fits the verdict always needs (not the piecewise model), and with the analysis: DESIGN §6
                wall[STEPS.length][r] = t[0][1] + t[0][2] + t[0][3];
                cpu[STEPS.length][r] = t[1][1] + t[1][2] + t[1][3];
                wall[STEPS.length + 1][r] = t[0][0] + wall[STEPS.length][r];
                cpu[STEPS.length + 1][r] = t[1][0] + cpu[STEPS.length][r];
                if (r == 0) {
                    System.out.printf(Locale.ROOT, "%,d episodes: %s%n", size, summary);
                }
            }
            String[] labels = {"added (stratified + visits + ipcw)", "total (analysis + added)"};
            String[] keys = {"added", "total"};
            for (int s = 0; s < STEPS.length + 2; s++) {
                String step = s < STEPS.length ? STEPS[s] : labels[s - STEPS.length];
                double[] w = wall[s].clone();
                double[] c = cpu[s].clone();
                Arrays.sort(w);
                Arrays.sort(c);
                System.out.printf(Locale.ROOT, "%,d episodes: %-36s median %6.0f ms wall (%5.0f-%5.0f), %6.0f ms CPU%n",
                        size, step, w[RUNS / 2], w[0], w[RUNS - 1], c[RUNS / 2]);
                Files.writeString(results, String.format(Locale.ROOT, "%d,%s,%.0f,%.0f,%.0f,%.0f,%d%n", size,
                        s < STEPS.length ? STEPS[s] : keys[s - STEPS.length], w[RUNS / 2], w[0], w[RUNS - 1], c[RUNS / 2], RUNS),
                        StandardOpenOption.APPEND);
            }
            System.out.printf(Locale.ROOT, "%,d episodes: peak heap %.0f MiB of %.0f MiB (with the episode list); load"
                    + " average %.2f%n", size, peak / 1048576.0, maxHeap / 1048576.0,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            episodes = null;
        }
    }

    /** One pass of every step; {@code times[0|1][step]} gets wall and CPU ms when not null. */
    private static String run(List<AnalysisEpisode> episodes, double[][] times) {
        long[] mark = {System.nanoTime(), AnalysisBenchmark.processCpuNanos()};
        AnalysisReport report = RecurrenceAnalysis.withDefaults().analyze(episodes);
        lap(times, 0, mark);

        AnalysisColumns data = AnalysisColumns.of(episodes, 365, DesignMatrix.DEFAULT_ISOLATED_THRESHOLD);
        DesignMatrix primary = data.design(true, false, false);
        int[] therapist = therapists(primary.rowIndex());
        String[] names = primary.names().toArray(String[]::new);
        CoxResult stratified = CoxModel.withDefaults().withStrata(therapist).withClusters(therapist)
                .withProportionalHazardsTest(PhTransform.KM)
                .fit(primary.time(), primary.event(), primary.columns(), names);
        lap(times, 1, mark);

        DesignMatrix dose = primary.withVisitsSpline(data.visits);
        CoxResult visits = CoxModel.withDefaults().withStrata(therapist).withClusters(therapist)
                .fit(dose.time(), dose.event(), dose.columns(), dose.names().toArray(String[]::new));
        lap(times, 2, mark);

        CoxResult ipcw = ipcw(primary, names);
        lap(times, 3, mark);

        PiecewiseCoxResult piecewise = PiecewiseCox.withDefaults()
                .withModel(CoxModel.withDefaults().withStrata(therapist).withClusters(therapist))
                .fit(primary.time(), primary.event(), primary.columns(), names, "multifactor");
        lap(times, 4, mark);

        return String.format(Locale.ROOT, "adjusted HR %.3f; stratified %.3f (%.3f-%.3f, %d clusters), PH p %.3g"
                        + " (global %.3g); + ns(visits) %.3f (x%.3f); IPCW %.3f over %,d intervals; piecewise %.3f / %.3f",
                report.adjustedEffect().ratio(), stratified.term("multifactor").ratio(),
                stratified.term("multifactor").lower(), stratified.term("multifactor").upper(), stratified.clusters(),
                stratified.phTest().term("multifactor").p(), stratified.phTest().global().p(),
                visits.term("multifactor").ratio(),
                HazardRatioChange.of(stratified, visits, "multifactor").ratio(), ipcw.term("multifactor").ratio(),
                ipcw.n(), piecewise.before().ratio(), piecewise.after().ratio());
    }

    /** The benchmark's therapist of each complete case, from its input row. */
    static int[] therapists(int[] rowIndex) {
        int[] out = new int[rowIndex.length];
        for (int k = 0; k < rowIndex.length; k++) {
            out[k] = (int) ((rowIndex[k] * 7919L) % THERAPISTS) + 1;
        }
        return out;
    }

    /** survSplit at the check-ins; the intervals point at their episode's covariate row. */
    private static CoxResult ipcw(DesignMatrix primary, String[] names) {
        SurvivalSplit split = SurvivalSplit.of(primary.time(), primary.event(), CHECK_INS);
        double[] weight = new double[split.intervals()];
        for (int k = 0; k < weight.length; k++) {
            weight[k] = 1 + 0.25 * split.period()[k];
        }
        return CoxModel.withDefaults().withWeights(weight).withRobustVariance(true)
                .fit(split.start(), split.stop(), split.event(), split.row(), primary.columns(), names);
    }

    private static void lap(double[][] times, int step, long[] mark) {
        long now = System.nanoTime();
        long cpu = AnalysisBenchmark.processCpuNanos();
        if (times != null) {
            times[0][step] = (now - mark[0]) / 1e6;
            times[1][step] = (cpu - mark[1]) / 1e6;
        }
        mark[0] = now;
        mark[1] = cpu;
    }
}
