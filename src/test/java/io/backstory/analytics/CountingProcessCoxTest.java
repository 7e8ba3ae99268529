package io.backstory.analytics;

import static io.backstory.analytics.ExtensionsReference.assertFit;
import static io.backstory.analytics.StratifiedCoxTest.CLINIC;
import static io.backstory.analytics.StratifiedCoxTest.COVARIATES;
import static io.backstory.analytics.StratifiedCoxTest.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Counting-process (start, stop] data against R 4.2.2 / survival 3.5-3 (models/r/extensions.R,
 * models/extensions-reference.csv): delayed entry whose entry times tie with event times (Efron), strata,
 * weights and clusters together; weights that change per interval after {@code survSplit} (time-varying
 * IPCW), given either as a split design or as intervals pointing at one covariate row per episode; and
 * survival's own heart and cgd data.
 */
class CountingProcessCoxTest {

    private static final TestData SPLIT = TestData.load("clinic-split.csv");

    @Test
    void shouldMatchRWhenEntryTimesTieWithEventTimes() {
        // coxph(Surv(entry, time, status) ~ plan + age + sex + nprs, data = d)
        CoxResult r = CoxModel.withDefaults().fit(CLINIC.column("entry"), CLINIC.column("time"), CLINIC.flag("status"),
                CLINIC.columns(COVARIATES), COVARIATES);

        assertFit("entry", r);
    }

    @Test
    void shouldMatchRWhenDelayedEntryIsStratifiedWeightedAndClustered() {
        // coxph(Surv(entry, time, status) ~ plan + age + sex + nprs + strata(therapist), data = d, weights = w,
        //       cluster = therapist)
        int[] therapist = codes(CLINIC, "therapist");
        CoxResult r = CoxModel.withDefaults().withStrata(therapist).withWeights(CLINIC.column("w"))
                .withClusters(therapist)
                .fit(CLINIC.column("entry"), CLINIC.column("time"), CLINIC.flag("status"), CLINIC.columns(COVARIATES),
                        COVARIATES);

        assertFit("entry_strata_weights_cluster", r);
    }

    /** The split file's covariates, copied from each interval's episode (what survSplit's data set holds). */
    private static double[][] splitColumns(int[] row) {
        double[][] perEpisode = CLINIC.columns(COVARIATES);
        double[][] out = new double[COVARIATES.length][row.length];
        for (int j = 0; j < COVARIATES.length; j++) {
            for (int k = 0; k < row.length; k++) {
                out[j][k] = perEpisode[j][row[k]];
            }
        }
        return out;
    }

    private static int[] episodeRows() {
        int[] id = codes(SPLIT, "id");
        int[] row = new int[id.length];
        for (int k = 0; k < id.length; k++) {
            row[k] = id[k] - 1; // clinic.csv lists episodes by id 1..n
        }
        return row;
    }

    @Test
    void shouldMatchRWhenWeightsChangePerIntervalOfASplitDesign() {
        // s <- survSplit(Surv(time, status) ~ ., clinic, cut = c(30, 90, 180), episode = "period")
        // coxph(Surv(tstart, time, status) ~ plan + age + sex + nprs, data = s, weights = wt, cluster = id)
        int[] row = episodeRows();
        CoxResult r = CoxModel.withDefaults().withWeights(SPLIT.column("wt")).withClusters(codes(SPLIT, "id"))
                .fit(SPLIT.column("tstart"), SPLIT.column("time"), SPLIT.flag("status"), splitColumns(row), COVARIATES);

        assertFit("split_weights_cluster", r);
    }

    @Test
    void shouldMatchRWhenIntervalsShareTheirEpisodesCovariateRow() {
        // the same model with one covariate row per episode: no copy of the design per interval; the robust
        // variance clusters the intervals of each episode (R: cluster = id)
        CoxResult r = CoxModel.withDefaults().withWeights(SPLIT.column("wt")).withRobustVariance(true)
                .fit(SPLIT.column("tstart"), SPLIT.column("time"), SPLIT.flag("status"), episodeRows(),
                        CLINIC.columns(COVARIATES), COVARIATES);

        assertFit("split_weights_cluster", r);
    }

    @Test
    void shouldMatchCoxZphWhenWeightsChangePerInterval() {
        CoxModel model = CoxModel.withDefaults().withWeights(SPLIT.column("wt")).withClusters(codes(SPLIT, "id"))
                .withProportionalHazardsTest(PhTransform.KM);
        int[] row = episodeRows();
        CoxResult shared = model.fit(SPLIT.column("tstart"), SPLIT.column("time"), SPLIT.flag("status"), row,
                CLINIC.columns(COVARIATES), COVARIATES);
        CoxResult copied = model.fit(SPLIT.column("tstart"), SPLIT.column("time"), SPLIT.flag("status"),
                splitColumns(row), COVARIATES);

        // cox.zph(coxph(Surv(tstart, time, status) ~ plan + age + sex + nprs, data = s, weights = wt,
        //               cluster = id))$table
        ExtensionsReference.assertPhTest("split_weights_cluster_zph", shared.phTest());
        ExtensionsReference.assertPhTest("split_weights_cluster_zph", copied.phTest());
    }

    @Test
    void shouldMatchRWhenSharedRowsAreAlsoStratified() {
        // coxph(Surv(tstart, time, status) ~ plan + age + sex + nprs + strata(therapist), data = s,
        //       weights = wt, cluster = id)
        CoxResult r = CoxModel.withDefaults().withWeights(SPLIT.column("wt")).withStrata(codes(SPLIT, "therapist"))
                .withClusters(codes(SPLIT, "id"))
                .fit(SPLIT.column("tstart"), SPLIT.column("time"), SPLIT.flag("status"), episodeRows(),
                        CLINIC.columns(COVARIATES), COVARIATES);

        assertFit("split_strata_weights_cluster", r);
    }

    @Test
    void shouldMatchRWhenFittingTheHeartTransplantData() {
        TestData heart = TestData.load("heart.csv");
        String[] names = {"age", "year", "surgery", "transplant"};
        // coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart)
        assertFit("heart", CoxModel.withDefaults().fit(heart.column("start"), heart.column("stop"),
                heart.flag("event"), heart.columns(names), names));
        // ... , cluster = id)
        assertFit("heart_cluster", CoxModel.withDefaults().withClusters(codes(heart, "id")).fit(heart.column("start"),
                heart.column("stop"), heart.flag("event"), heart.columns(names), names));
    }

    @Test
    void shouldMatchRWhenFittingRecurrentInfectionsByHospitalStratum() {
        TestData cgd = TestData.load("cgd.csv");
        String[] names = {"treat", "sex", "age", "inherit", "steroids", "propylac"};
        // coxph(Surv(tstart, tstop, status) ~ treat + sex + age + inherit + steroids + propylac
        //       + strata(hos_cat), data = cgd, cluster = id)
        CoxResult r = CoxModel.withDefaults().withStrata(codes(cgd, "hos_cat")).withClusters(codes(cgd, "id"))
                .fit(cgd.column("tstart"), cgd.column("tstop"), cgd.flag("status"), cgd.columns(names), names);

        assertFit("cgd", r);
    }

    @Test
    void shouldEqualTheRightCensoredFitWhenEveryoneEntersAtTheOrigin() {
        int[] therapist = codes(CLINIC, "therapist");
        double[] origin = new double[CLINIC.rows()];
        java.util.Arrays.fill(origin, -1);
        CoxResult r = CoxModel.withDefaults().withStrata(therapist).withWeights(CLINIC.column("w"))
                .withClusters(therapist)
                .fit(origin, CLINIC.column("time"), CLINIC.flag("status"), CLINIC.columns(COVARIATES), COVARIATES);

        // coxph(Surv(time, status) ~ plan + age + sex + nprs + strata(therapist), weights = w, cluster = therapist)
        assertFit("strata_weights_cluster", r);
    }

    @Test
    void shouldRejectAnIntervalThatDoesNotEndAfterItStartsThrows() {
        assertThatThrownBy(() -> CoxModel.withDefaults().fit(new double[] {0, 5}, new double[] {3, 5},
                new boolean[] {true, true}, new double[][] {{0, 1}}, new String[] {"x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start[1] must be < stop[1]");
    }

    @Test
    void shouldRejectMismatchedStartAndStopThrows() {
        assertThatThrownBy(() -> CoxModel.withDefaults().fit(new double[] {0}, new double[] {3, 5},
                new boolean[] {true, true}, new double[][] {{0, 1}}, new String[] {"x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start must have one entry per row");
    }

    @Test
    void shouldRejectARowIndexOutsideTheCovariateRowsThrows() {
        assertThatThrownBy(() -> CoxModel.withDefaults().fit(new double[] {0, 0}, new double[] {3, 5},
                new boolean[] {true, true}, new int[] {0, 2}, new double[][] {{0, 1}}, new String[] {"x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row[1] must be between 0 and 1");
        assertThatThrownBy(() -> CoxModel.withDefaults().fit(new double[] {0, 0}, new double[] {3, 5},
                new boolean[] {true, true}, new int[] {0}, new double[][] {{0, 1}}, new String[] {"x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row must have one entry per interval");
    }

    @Test
    void shouldCountIntervalsAndClustersWhenRowsAreShared() {
        CoxResult r = CoxModel.withDefaults().withWeights(SPLIT.column("wt")).withRobustVariance(true)
                .fit(SPLIT.column("tstart"), SPLIT.column("time"), SPLIT.flag("status"), episodeRows(),
                        CLINIC.columns(COVARIATES), COVARIATES);

        assertThat(r.n()).isEqualTo(SPLIT.rows());
        assertThat(r.clusters()).isEqualTo(CLINIC.rows());
    }
}
