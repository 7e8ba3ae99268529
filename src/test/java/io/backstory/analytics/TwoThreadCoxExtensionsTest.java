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

    /** The split clinic (22,500 subjects' intervals after stacking) and how often it is stacked. */
    private static final TestData SPLIT = TestData.load("clinic-split.csv");
    private static final int SPLIT_COPIES = 15;
    private static final int[] SPLIT_ID = codes(SPLIT, "id");

    /** The subject ids of the stacked split clinic, shifted by {@code shift} and copy c by {@code step * c} more. */
    private static int[] numbered(int[] id, int shift, int step) {
        int[] out = new int[id.length * SPLIT_COPIES];
        for (int c = 0, k = 0; c < SPLIT_COPIES; c++) {
            for (int i = 0; i < id.length; i++, k++) {
                out[k] = id[i] + shift + step * c;
            }
        }
        return out;
    }

    /** The stacked split clinic's intervals, weighted by wt, each taking its covariates from {@code rows[row[k]]}. */
    private static CoxResult fitStackedSplit(CoxModel model, int[] row, double[][] rows) {
        return model.withWeights(stack(SPLIT.column("wt"), SPLIT_COPIES))
                .fit(stack(SPLIT.column("tstart"), SPLIT_COPIES), stack(SPLIT.column("time"), SPLIT_COPIES),
                        stack(SPLIT.flag("status"), SPLIT_COPIES), row, rows, COVARIATES);
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
        // copy c's intervals point at copy c's covariate rows
        CoxResult r = fitStackedSplit(CoxModel.withDefaults().withRobustVariance(true),
                numbered(SPLIT_ID, -1, CLINIC.rows()), stack(CLINIC.columns(COVARIATES), SPLIT_COPIES));

        // coxph(Surv(tstart, time, status) ~ plan + age + sex + nprs, data = bss, weights = wt, cluster = cid)
        assertFit("big_split_weights_cluster", r);
    }

    @Test
    void shouldMatchRWhenManyIntervalsShareFewCovariateRows() {
        // every copy's intervals point at the clinic's one covariate row per subject; each copy is its own cluster
        CoxResult r = fitStackedSplit(CoxModel.withDefaults().withClusters(numbered(SPLIT_ID, 0, CLINIC.rows())),
                numbered(SPLIT_ID, -1, 0), CLINIC.columns(COVARIATES));

        assertThat(r.n()).isGreaterThanOrEqualTo(Halves.PARALLEL_MIN_ROWS);
        // bss <- ss[rep(seq_len(nrow(ss)), 15), ]; bss$cid <- bss$id + n * copy
        // coxph(Surv(tstart, time, status) ~ plan + age + sex + nprs, data = bss, weights = wt, cluster = cid)
        assertFit("big_split_weights_cluster", r);
    }
}
