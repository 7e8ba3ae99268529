package io.backstory.analytics;

import java.util.SplittableRandom;

/**
 * Benchmark, not a test (DESIGN §6: benchmarks print figures, tests assert behaviour). Simulates a
 * 1,000,000-episode dataset with 12 covariates and integer-day times (heavy ties, Efron), then times
 * an analysis (primary Cox with treatment + 12 covariates, sensitivity Cox with visits added, logistic
 * propensity fit, IPTW) and, apart, a weighted Cox fit with robust variance. Prints wall and process CPU time. Run with
 * {@code java -Xmx1g -cp target/classes:target/test-classes:<commons-math3.jar> io.backstory.analytics.CoxBench [rows] [rounds]}.
 */
public final class CoxBench {

    private CoxBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int p = 12;
        SplittableRandom rnd = new SplittableRandom(42);
        double[][] cols = new double[p][n];
        String[] names = new String[p];
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        boolean[] treated = new boolean[n];
        for (int j = 0; j < p; j++) {
            names[j] = "x" + j;
        }
        for (int i = 0; i < n; i++) {
            double lp = 0;
            double lt = -0.3;
            for (int j = 0; j < p; j++) {
                double v = j % 3 == 0 ? (rnd.nextDouble() < 0.4 ? 1 : 0) : rnd.nextGaussian();
                cols[j][i] = v;
                lp += 0.05 * (j - 5.5) / 5.5 * v;
                lt += 0.1 * v * (j % 2 == 0 ? 1 : -1);
            }
            treated[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-lt));
            double rate = 0.002 * Math.exp(lp + (treated[i] ? -0.3 : 0));
            double t = -Math.log(rnd.nextDouble()) / rate;
            double c = 30 + 700 * rnd.nextDouble();
            time[i] = Math.ceil(Math.min(t, c));
            event[i] = t <= c;
        }
        double[][] withTreatment = new double[p + 1][];
        String[] withNames = new String[p + 1];
        double[] tr = new double[n];
        for (int i = 0; i < n; i++) {
            tr[i] = treated[i] ? 1 : 0;
        }
        withTreatment[0] = tr;
        withNames[0] = "treated";
        System.arraycopy(cols, 0, withTreatment, 1, p);
        System.arraycopy(names, 0, withNames, 1, p);
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = 0.5 + rnd.nextDouble();
        }
        System.out.printf("rows %,d, covariates %d (+ treatment), cores %d, max heap %d MB%n", n, p,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        double[] visits = new double[n];
        for (int i = 0; i < n; i++) {
            visits[i] = 4 + rnd.nextInt(10);
        }
        double[][] sensitivity = java.util.Arrays.copyOf(withTreatment, p + 2);
        sensitivity[p + 1] = visits;
        String[] sensitivityNames = java.util.Arrays.copyOf(withNames, p + 2);
        sensitivityNames[p + 1] = "visits";
        for (int round = 1; round <= rounds; round++) {
            long w0 = System.nanoTime();
            long c0 = cpu();
            CoxResult cox = CoxModel.withDefaults().fit(time, event, withTreatment, withNames);
            long w1 = System.nanoTime();
            long c1 = cpu();
            CoxResult sens = CoxModel.withDefaults().fit(time, event, sensitivity, sensitivityNames);
            long w2 = System.nanoTime();
            long c2 = cpu();
            LogisticResult logit = LogisticModel.withDefaults().fit(treated, cols, names);
            long w3 = System.nanoTime();
            long c3 = cpu();
            IptwResult iptw = Iptw.estimate(time, event, treated, cols, names);
            long w4 = System.nanoTime();
            long c4 = cpu();
            CoxResult robust = CoxModel.withDefaults().withWeights(weights).withRobustVariance(true)
                    .fit(time, event, withTreatment, withNames);
            long w5 = System.nanoTime();
            long c5 = cpu();
            System.out.printf("round %d (wall/cpu ms): cox[13] %d/%d (%d iter), cox[14] %d/%d, logistic[12] %d/%d (%d iter),"
                            + " iptw %d/%d; analysis total %d/%d | weighted robust cox[13] %d/%d%n",
                    round, ms(w1 - w0), ms(c1 - c0), cox.iterations(), ms(w2 - w1), ms(c2 - c1), ms(w3 - w2),
                    ms(c3 - c2), logit.iterations(), ms(w4 - w3), ms(c4 - c3), ms(w4 - w0), ms(c4 - c0),
                    ms(w5 - w4), ms(c5 - c4));
            if (round == rounds) {
                System.out.printf("events %,d; HR(treated) %.4f, sensitivity %.4f, IPTW %.4f (%.4f-%.4f), robust %.4f%n",
                        cox.events(), cox.term("treated").ratio(), sens.term("treated").ratio(), iptw.hr(), iptw.lower(),
                        iptw.upper(), robust.term("treated").ratio());
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** Process CPU time (all threads): on a shared machine it shows the work apart from the waiting. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
