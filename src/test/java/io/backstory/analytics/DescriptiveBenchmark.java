package io.backstory.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints wall-clock figures for one million synthetic episodes; run with {@code mvn -Pbench test}. Not part of
 * the default build: tests assert behaviour, benchmarks report time (docs/style.md).
 */
@Tag("bench")
class DescriptiveBenchmark {

    private static final int N = 1_000_000;

    static List<AnalysisEpisode> synthetic(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Sex[] sexes = Sex.values();
        Chronicity[] chronicities = Chronicity.values();
        StartBackRisk[] risks = StartBackRisk.values();
        List<AnalysisEpisode> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean[] f = new boolean[5];
            int breadth = 0;
            for (int j = 0; j < 5; j++) {
                f[j] = random.nextDouble() < 0.4;
                breadth += f[j] ? 1 : 0;
            }
            double hazard = 0.004 * (breadth >= 2 ? 0.74 : 1.0);
            double eventTime = -Math.log(random.nextDouble()) / hazard;
            boolean recurred = eventTime <= 365;
            double time = Math.floor(Math.min(eventTime, 365)) + 1;
            out.add(new AnalysisEpisode("E" + i, f[0], f[1], f[2], f[3], f[4],
                    (double) (18 + random.nextInt(70)), sexes[random.nextInt(3)], chronicities[random.nextInt(3)],
                    (double) random.nextInt(11), (double) random.nextInt(101), (double) random.nextInt(25),
                    risks[random.nextInt(3)], random.nextInt(6), 1 + random.nextInt(20), time, recurred));
        }
        return out;
    }

    @Test
    void shouldPrintTimingsWhenAnalysingAMillionEpisodes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("analysis.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            // not kept: a million live synthetic episodes would slow the timed reads' garbage collection
            AnalysisCsv.write(w, synthetic(N, 2026));
        }
        System.gc();
        for (int round = 1; round <= 3; round++) {
            long s0 = System.nanoTime();
            long[] visits = {0};
            try (java.io.Reader r = Files.newBufferedReader(file)) {
                AnalysisCsv.forEach(r, e -> visits[0] += e.visits());
            }
            System.out.printf("round %d: csv forEach (streaming, nothing kept) %d ms%n", round, ms(s0, System.nanoTime()));
            long t0 = System.nanoTime();
            List<AnalysisEpisode> read = AnalysisCsv.read(file);
            long t1 = System.nanoTime();
            DesignMatrix design = DesignMatrix.of(read);
            long t2 = System.nanoTime();
            SurvivalCurve curve = KaplanMeier.fit(design.time(), design.event());
            long t3 = System.nanoTime();
            int[] group = new int[design.rows()];
            int[] breadth = new int[design.rows()];
            int[] events = new int[6];
            int[] totals = new int[6];
            int em = 0, nm = 0, ei = 0, ni = 0;
            for (int i = 0; i < design.rows(); i++) {
                group[i] = design.multifactor()[i] ? 1 : 0;
                breadth[i] = read.get(design.rowIndex()[i]).breadth();
                totals[breadth[i]]++;
                if (design.event()[i]) {
                    events[breadth[i]]++;
                }
                if (group[i] == 1) {
                    nm++;
                    em += design.event()[i] ? 1 : 0;
                } else {
                    ni++;
                    ei += design.event()[i] ? 1 : 0;
                }
            }
            LogRankResult two = LogRank.test(design.time(), design.event(), group);
            long t4 = System.nanoTime();
            LogRankResult six = LogRank.test(design.time(), design.event(), breadth);
            long t5 = System.nanoTime();
            TwoByTwoResult table = TwoByTwo.compare(em, nm, ei, ni);
            TrendResult trend = TrendTest.cochranArmitage(events, totals, new double[] {0, 1, 2, 3, 4, 5});
            long t6 = System.nanoTime();
            System.out.printf("round %d: csv read %d ms, design %d ms, KM %d ms, log-rank 2 groups %d ms, "
                            + "6 groups %d ms, 2x2+Fisher+trend %d ms | KM points %d, chisq %.1f / %.1f, Fisher p %.3g, trend p %.3g%n",
                    round, ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4), ms(t4, t5), ms(t5, t6),
                    curve.time().length, two.chisq(), six.chisq(), table.fisherP(), trend.p());
            assertThat(read).hasSize(N);
        }
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
