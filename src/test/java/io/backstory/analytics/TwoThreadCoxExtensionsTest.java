package io.backstory.analytics;

import static io.backstory.analytics.ExtensionsReference.assertFit;
import static io.backstory.analytics.ExtensionsReference.assertPhTest;
import static io.backstory.analytics.StratifiedCoxTest.CLINIC;
import static io.backstory.analytics.StratifiedCoxTest.COVARIATES;
import static io.backstory.analytics.StratifiedCoxTest.codes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Above {@link Halves#PARALLEL_MIN_ROWS} the Cox fits split their passes over two threads (the risk-set
 * scatter, the cross-products, the robust residuals at a cluster boundary, the PH test). These cases stack
 * the clinic 40 times (60,000 rows) and the split clinic 15 times (64,965 intervals); R fits the same stacked
 * data (models/r/extensions.R: {@code big <- clinic[rep(seq_len(n), 40), ]}).
 */
class TwoThreadCoxExtensionsTest {

    private static double[] stack(double[] c, int copies) {
        double[] out = new double[c.length * copies];
        for (int k = 0; k < copies; k++) {
            System.arraycopy(c, 0, out, k * c.length, c.length);
        }
        return out;
    }

    private static int[] stack(int[] c, int copies) {
        int[] out = new int[c.length * copies];
        for (int k = 0; k < copies; k++) {
            System.arraycopy(c, 0, out, k * c.length, c.length);
        }
        return out;
    }

    private static boolean[] stack(boolean[] c, int copies) {
        boolean[] out = new boolean[c.length * copies];
        for (int k = 0; k < copies; k++) {
            System.arraycopy(c, 0, out, k * c.length, c.length);
        }
        return out;
    }

    private static double[][] stack(double[][] cols, int copies) {
        double[][] out = new double[cols.length][];
        for (int j = 0; j < cols.length; j++) {
            out[j] = stack(cols[j], copies);
        }
        return out;
    }

    @Test
    void shouldMatchRWhenAStratifiedWeightedClusteredFitRunsOnTwoThreads() {
        int copies = 40;
        int[] therapist = stack(codes(CLINIC, "therapist"), copies);
        CoxResult r = CoxModel.withDefaults().withStrata(therapist).withWeights(stack(CLINIC.column("w"), copies))
                .withClusters(therapist).withProportionalHazardsTest(PhTransform.KM)
                .fit(stack(CLINIC.column("time"), copies), stack(CLINIC.flag("status"), copies),
                        stack(CLINIC.columns(COVARIATES), copies), COVARIATES);

        assertThat(r.n()).isGreaterThanOrEqualTo(Halves.PARALLEL_MIN_ROWS);
        // coxph(Surv(time, status) ~ plan + age + sex + nprs + strata(therapist), data = big, weights = w,
        //       cluster = therapist), and cox.zph of it
        assertFit("big_strata_weights_cluster", r);
        assertPhTest("big_strata_weights_cluster_zph", r.phTest());
    }

    @Test
    void shouldMatchRWhenDelayedEntryWithManyClustersRunsOnTwoThreads() {
        int copies = 40;
        int[] therapist = stack(codes(CLINIC, "therapist"), copies);
        CoxResult r = CoxModel.withDefaults().withStrata(therapist).withWeights(stack(CLINIC.column("w"), copies))
                .withClusters(stack(codes(CLINIC, "id"), copies))
                .fit(stack(CLINIC.column("entry"), copies), stack(CLINIC.column("time"), copies),
                        stack(CLINIC.flag("status"), copies), stack(CLINIC.columns(COVARIATES), copies), COVARIATES);

        // coxph(Surv(entry, time, status) ~ plan + age + sex + nprs + strata(therapist), data = big,
        //       weights = w, cluster = id): 1,500 clusters of 40 rows each, spread over the whole data
        assertFit("big_entry_cluster_id", r);
    }

    @Test
    void shouldMatchRWhenSplitSubjectsAreInRowOrder() {
        // the stacked clinic as 22,500 subjects, each with its own covariate row and its intervals in a run (as
        // SurvivalSplit leaves them): the per-row sums and the residuals split over two threads at a subject
        TestData split = TestData.load("clinic-split.csv");
        int copies = 15;
        int[] id = codes(split, "id");
        int[] row = new int[id.length * copies];
        for (int c = 0, k = 0; c < copies; c++) {
            for (int i = 0; i < id.length; i++, k++) {
                row[k] = id[i] - 1 + CLINIC.rows() * c;
            }
        }
        CoxResult r = CoxModel.withDefaults().withWeights(stack(split.column("wt"), copies)).withRobustVariance(true)
                .fit(stack(split.column("tstart"), copies), stack(split.column("time"), copies),
                        stack(split.flag("status"), copies), row, stack(CLINIC.columns(COVARIATES), copies), COVARIATES);

        // coxph(Surv(tstart, time, status) ~ plan + age + sex + nprs, data = bss, weights = wt, cluster = cid)
        assertFit("big_split_weights_cluster", r);
    }

    @Test
    void shouldMatchRWhenManyIntervalsShareFewCovariateRows() {
        TestData split = TestData.load("clinic-split.csv");
        int copies = 15;
        int[] id = codes(split, "id");
        int[] row = new int[id.length * copies];
        int[] cluster = new int[id.length * copies];
        for (int c = 0, k = 0; c < copies; c++) {
            for (int i = 0; i < id.length; i++, k++) {
                row[k] = id[i] - 1;
                cluster[k] = id[i] + CLINIC.rows() * c;
            }
        }
        CoxResult r = CoxModel.withDefaults().withWeights(stack(split.column("wt"), copies)).withClusters(cluster)
                .fit(stack(split.column("tstart"), copies), stack(split.column("time"), copies),
                        stack(split.flag("status"), copies), row, CLINIC.columns(COVARIATES), COVARIATES);

        assertThat(r.n()).isGreaterThanOrEqualTo(Halves.PARALLEL_MIN_ROWS);
        // bss <- ss[rep(seq_len(nrow(ss)), 15), ]; bss$cid <- bss$id + n * copy
        // coxph(Surv(tstart, time, status) ~ plan + age + sex + nprs, data = bss, weights = wt, cluster = cid)
        assertFit("big_split_weights_cluster", r);
    }
}
