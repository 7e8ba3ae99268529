package io.backstory.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.demo.DemoCohorts;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §6: the full analysis of 1,000,000 episodes in under 5 s on 2 cores, at most 0.3 x R's time for the same
 * models, heap at most 1 GiB. Generates 100,000- and 1,000,000-episode datasets with the demo clinic's model into
 * target/bench/ (kept, so bench/r-analysis.R times R on the very same files), reads each, then times
 * {@link RecurrenceAnalysis#analyze} (CSV parsing excluded, as R's read.csv is excluded on its side): warm-up runs,
 * then timed runs, median reported. Results go to stdout and target/bench/java-analysis.csv.
 *
 * <pre>
 * ./mvnw -Pbench -o surefire:test -Dtest=AnalysisBenchmark      (the bench profile runs the JVM with -Xmx1g)
 * bench/run-analysis-benchmark.sh                                (this, then R on the same files, side by side)
 * </pre>
 * Not a test: it prints figures and asserts only that the heap limit really applied (docs/style.md).
 */
@Tag("bench")
class AnalysisBenchmark {

    private static final Path DIR = Path.of("target", "bench");
    private static final long SEED = 20261128L;
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 2);
    private static final int RUNS = Integer.getInteger("bench.runs", 5);

    @Test
    void shouldPrintTheAnalysisTimeWhenAnalysingOneHundredThousandAndOneMillionEpisodes() throws IOException {
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT, "max heap %.0f MiB, %d processors, %s%n", maxHeap / 1048576.0,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        assertThat(maxHeap).as("run with -Xmx1g (the bench profile sets it)").isLessThanOrEqualTo(1L << 30);
        Files.createDirectories(DIR);
        Path results = DIR.resolve("java-analysis.csv");
        Files.writeString(results, "episodes,median_ms,min_ms,max_ms,median_cpu_ms,runs,peak_heap_mib,max_heap_mib,read_ms\n");
        for (int size : new int[] {100_000, 1_000_000}) {
            Path file = dataset(size);
            long r0 = System.nanoTime();
            List<AnalysisEpisode> episodes = withCare(AnalysisCsv.read(file));
            long readMs = (System.nanoTime() - r0) / 1_000_000;
            RecurrenceAnalysis analysis = RecurrenceAnalysis.withDefaults();
            for (int i = 0; i < WARM_UP; i++) {
                analysis.analyze(episodes);
            }
            double[] ms = new double[RUNS];
            double[] cpu = new double[RUNS];
            long peak = 0;
            GcCount[] gc = new GcCount[RUNS];
            long[] allocated = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                System.gc();
                resetPeaks();
                GcCount gc0 = GcCount.now();
                long a0 = allocatedBytes();
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                AnalysisReport report = analysis.analyze(episodes);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                cpu[i] = (processCpuNanos() - c0) / 1e6;
                allocated[i] = allocatedBytes() - a0;
                gc[i] = GcCount.now().minus(gc0);
                peak = Math.max(peak, heapPeak());
                if (i == 0) {
                    System.out.printf(Locale.ROOT, "%,d episodes: primary HR %.3f (%.3f-%.3f) over %d therapists, plain %.3f, "
                                    + "IPTW HR %.3f, PH p %.3f, piecewise fitted %b, verdict %s %s%n",
                            size, report.adjustedEffect().ratio(), report.adjustedEffect().lower(),
                            report.adjustedEffect().upper(), report.therapists(), report.plainEffect().ratio(),
                            report.iptw().hr(), report.primary().phTest().global().p(), report.piecewise() != null,
                            report.verdict().code(), report.verdict().reasons());
                }
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double median = sorted[RUNS / 2];
            double[] sortedCpu = cpu.clone();
            Arrays.sort(sortedCpu);
            double medianCpu = sortedCpu[RUNS / 2];
            System.out.printf(Locale.ROOT, "%,d episodes: analysis median %.0f ms wall, %.0f ms CPU (wall min %.0f, max %.0f;"
                            + " %d runs after %d warm-up); peak heap %.0f MiB of %.0f MiB (including the episode list);"
                            + " CSV read %d ms%n",
                    size, median, medianCpu, sorted[0], sorted[RUNS - 1], RUNS, WARM_UP, peak / 1048576.0,
                    maxHeap / 1048576.0, readMs);
            System.out.printf(Locale.ROOT, "%,d episodes: per timed run: wall %s ms, CPU %s ms, full GCs %s, young GCs %s,"
                            + " GC pauses %s ms, allocated %s MiB (all threads)%n", size, perRun(ms), perRun(cpu),
                    GcCount.each(gc, GcCount::full), GcCount.each(gc, GcCount::young), GcCount.each(gc, GcCount::pauseMs),
                    perRun(allocated, 1048576));
            Files.writeString(results, String.format(Locale.ROOT, "%d,%.0f,%.0f,%.0f,%.0f,%d,%.0f,%.0f,%d%n", size, median,
                    sorted[0], sorted[RUNS - 1], medianCpu, RUNS, peak / 1048576.0, maxHeap / 1048576.0, readMs),
                    StandardOpenOption.APPEND);
            episodes = null;
        }
    }

    /**
     * Issue 10's optional columns, so that the therapist-stratified primary model, persistent pain and the composite
     * run as in the app: therapist {@code T((row * 7919) % 40 + 1)} (as bench/r-cox-extensions.R), location
     * {@code L(row % 3 + 1)}, and every ninth episode without a recurrence never recovered. The values do not
     * change the cost.
     */
    static List<AnalysisEpisode> withCare(List<AnalysisEpisode> episodes) {
        String[] therapists = new String[41];
        String[] locations = {"L1", "L2", "L3"};
        for (int t = 1; t <= 40; t++) {
            therapists[t] = "T" + t;
        }
        List<AnalysisEpisode> out = new ArrayList<>(episodes.size());
        for (int i = 0; i < episodes.size(); i++) {
            AnalysisEpisode e = episodes.get(i);
            int row = i + 1;
            out.add(e.withCare(therapists[(int) ((long) row * 7919 % 40 + 1)], locations[row % 3])
                    .withRecovered(!e.recurred() && row % 9 == 0 ? Boolean.FALSE : Boolean.TRUE));
        }
        return out;
    }

    /** The demo clinic's model at the given size, written once and reused by later runs and by R. */
    static Path dataset(int size) throws IOException {
        Path file = DIR.resolve("episodes-" + (size >= 1_000_000 ? size / 1_000_000 + "m" : size / 1000 + "k") + ".csv");
        if (Files.exists(file)) {
            return file;
        }
        Path partial = DIR.resolve(file.getFileName() + ".part");
        long t0 = System.nanoTime();
        try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            List<AnalysisEpisode> chunk = new ArrayList<>(10_000);
            boolean[] header = {true};
            DemoCohorts.analysisRows(SEED, size, e -> {
                chunk.add(e);
                if (chunk.size() == 10_000) {
                    flush(w, chunk, header);
                }
            });
            flush(w, chunk, header);
        }
        Files.move(partial, file);
        System.out.printf(Locale.ROOT, "generated %s in %.1f s%n", file, (System.nanoTime() - t0) / 1e9);
        return file;
    }

    private static void flush(Writer w, List<AnalysisEpisode> chunk, boolean[] header) {
        StringWriter s = new StringWriter();
        AnalysisCsv.write(s, chunk);
        String text = s.toString();
        try {
            w.write(header[0] ? text : text.substring(text.indexOf('\n') + 1));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        header[0] = false;
        chunk.clear();
    }

    /**
     * Garbage collections during a run: near the 1 GiB cap a run that needs a full collection (G1 compacting to
     * place a large array) takes ~0.3-1.4 s longer than one that does not, while allocating exactly as much, so
     * the counts tell a slow run from slow code.
     */
    record GcCount(long full, long young, long pauseMs) {

        static GcCount now() {
            long full = 0;
            long young = 0;
            long pauseMs = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                // G1: "G1 Young Generation" (young and mixed), "G1 Old Generation" (full), "G1 Concurrent GC" (remark
                // and cleanup pauses); other collectors name their full collector "... Old ..." or "MarkSweep"
                String name = gc.getName();
                if (name.contains("Old") || name.contains("MarkSweep")) {
                    full += gc.getCollectionCount();
                } else if (!name.contains("Concurrent")) {
                    young += gc.getCollectionCount();
                }
                pauseMs += Math.max(0, gc.getCollectionTime());
            }
            return new GcCount(full, young, pauseMs);
        }

        GcCount minus(GcCount before) {
            return new GcCount(full - before.full, young - before.young, pauseMs - before.pauseMs);
        }

        static String each(GcCount[] runs, java.util.function.ToLongFunction<GcCount> value) {
            return String.join("/", Arrays.stream(runs).map(r -> Long.toString(value.applyAsLong(r))).toList());
        }
    }

    private static String perRun(double[] values) {
        return String.join("/", Arrays.stream(values).mapToObj(v -> Long.toString(Math.round(v))).toList());
    }

    private static String perRun(long[] values, long unit) {
        return String.join("/", Arrays.stream(values).mapToObj(v -> Long.toString(Math.round((double) v / unit))).toList());
    }

    /** Heap bytes allocated by every thread so far, the analysis's second thread included. */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    /** CPU time of the whole JVM (both fitting threads, GC and JIT included): comparable with R's user + system time. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap in use at any one moment. */
    static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
