package io.backstory.analytics;

import static io.backstory.analytics.RelativeTolerance.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Inverse probability of censoring weights against R on the planted differential-loss null
 * (planted/differential-loss-null.csv; values from planted/reference.R). R's set-up: horizon 365,
 * {@code lost <- status == 0 & time < 365; cfit <- coxph(Surv(time, lost) ~ multi + age + sex + chronicity +
 * baseline_nprs + baseline_odi + fabq_pa + startback + prior_episodes); nfit <- coxph(Surv(time, lost) ~ multi);
 * sp <- survSplit(Surv(time, status) ~ ., data = d[d$time > 0, ], cut = sort(unique(time[lost == 1 & time > 0])),
 * start = "tstart"); K <- function(fit, t, nd) exp(-stepfun(b$time, c(0, b$hazard))(t) * exp(predict(fit, nd,
 * type = "lp", reference = "zero"))) with b <- basehaz(fit, centered = FALSE); sp$w <- K(nfit, sp$tstart, sp) /
 * K(cfit, sp$tstart, sp)}.
 */
class IpcwTest {

    static final AnalysisColumns DATA = PlantedCohort.columns(
            PlantedCohort.committed(PlantedCohort.Scenario.DIFFERENTIAL_LOSS_NULL));

    static IpcwResult weights(Ipcw ipcw) {
        DesignMatrix d = DATA.design(false, false, false);
        return ipcw.weights(d.time(), d.event(), d.multifactor(), d.columns(), d.names().toArray(String[]::new));
    }

    @Test
    void shouldMatchRWhenFittingTheCensoringModels() {
        IpcwResult r = weights(Ipcw.withDefaults().withHorizonDays(365));

        // coef(cfit)
        double[] coef = {0.96228606630674507, 0.0004120868855724037, -0.029593722981162994, 0.11194551189875604,
            0.039276046001457246, 0.24466754338331312, 0.064774983996869762, -0.0045325235706541777,
            -0.004673022757558278, 0.0005973613060583639, -0.04635170007829157, 0.13167480135097723};
        for (int j = 0; j < coef.length; j++) {
            close("censoring coef " + j, r.censoringModel().terms().get(j).coef(), coef[j]);
        }
        assertThat(r.censoringModel().terms().get(0).name()).isEqualTo("multifactor");
        // coef(nfit)
        close("numerator coef", r.numeratorModel().term("multifactor").coef(), 1.0297605764299882);
        assertThat(r.lost()).isEqualTo(62 + 334);
    }

    @Test
    void shouldMatchRWhenSplittingAndWeighting() {
        IpcwResult r = weights(Ipcw.withDefaults().withHorizonDays(365));
        CountingProcessRows rows = r.rows();

        // sort(unique(d$time[d$lost == 1 & d$time > 0]))
        assertThat(r.splitTimes()).containsExactly(30, 91, 182);
        // nrow(sp); sum(d$time == 0)
        assertThat(rows.size()).isEqualTo(10432);
        assertThat(r.droppedRows()).isEqualTo(3);
        // c(min(sp$w), max(sp$w), mean(sp$w), sum(sp$w))
        close("min", r.minWeight(), 0.92245588339523921);
        close("max", r.maxWeight(), 1.2646929663513888);
        close("mean", r.meanWeight(), 0.99976582599384745);
        close("sum", Arrays.stream(rows.weight()).sum(), 10429.557096767816);
        // sp$w[1:40]
        double[] first = {1.0001084892695145, 1.0029425960442506, 1.0074378842245773, 1.0244325650094313,
            0.99995411914239329, 0.99881077604897894, 0.99742397387805193, 1.0006806799813319, 1.0182375144852578,
            1.0436567653632276, 1.1326703898169637, 1.0003330179590642, 1.0088739211652926, 1.0210334133710204,
            1.0621409184339969, 0.99992943770044629, 0.99815862504716968, 0.99590482735691643, 0.98948144176680364,
            1.0000741295393689, 1.0019876257005527, 1.0048431856289568, 0.99998403488020804, 0.99964526712786839,
            0.99972537529129046, 0.99982310045726253, 0.99539688858512565, 0.98983824908089912, 0.97435635763847805,
            1.0000863278738714, 1.0023546810818635, 1.0005347867215435, 1.0143165410883581, 1.0343020545279189,
            1.1040378047285897, 1.0003677298784337, 1.009844624703677, 1.0236916116128341, 1.072134615190377,
            0.999723949376637};
        close("first 40", Arrays.copyOf(rows.weight(), 40), first);
        // episode P2 (row 1): sp$tstart[sp$id == 2] 0 30 91, its time 132 with a recurrence at the end
        assertThat(Arrays.copyOfRange(rows.row(), 4, 7)).containsExactly(1, 1, 1);
        assertThat(Arrays.copyOfRange(rows.start(), 4, 7)).containsExactly(0, 30, 91);
        assertThat(Arrays.copyOfRange(rows.stop(), 4, 7)).containsExactly(30, 91, 132);
        assertThat(Arrays.copyOfRange(rows.event(), 4, 7)).containsExactly(false, false, true);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void shouldMatchRWhenUnstabilised() {
        IpcwResult r = weights(Ipcw.withDefaults().withHorizonDays(365).withStabilisation(false));

        // sp$wu <- 1 / K(cfit, sp$tstart, sp); c(min(sp$wu), max(sp$wu), mean(sp$wu))
        close("min", r.minWeight(), 1.0002822776553788);
        close("max", r.maxWeight(), 1.5727863619539006);
        close("mean", r.meanWeight(), 1.0580969185023208);
        assertThat(r.numeratorModel()).isNull();
    }

    @Test
    void shouldWeighEveryIntervalOneWhenNobodyIsLost() {
        double[] time = {10, 20, 30, 365, 365};
        boolean[] event = {true, true, true, false, false};
        boolean[] multi = {true, false, true, false, true};

        IpcwResult r = Ipcw.withDefaults().withHorizonDays(365).weights(time, event, multi,
                new double[][] {{40, 50, 60, 70, 80}}, new String[] {"age"});

        assertThat(r.censoringModel()).isNull();
        assertThat(r.rows().size()).isEqualTo(5);
        assertThat(r.rows().weight()).containsOnly(1.0);
        assertThat(r.splitTimes()).isEmpty();
    }

    @Test
    void shouldSplitAtTheGivenTimesWhenAsked() {
        IpcwResult r = weights(Ipcw.withDefaults().withHorizonDays(365).withSplitTimes(new double[] {91, 30, 182, 30}));

        assertThat(r.splitTimes()).containsExactly(30, 91, 182);
        assertThat(r.rows().size()).isEqualTo(10432);
    }

    @Test
    void shouldRejectNonPositiveSplitTimeThrows() {
        assertThatThrownBy(() -> Ipcw.withDefaults().withSplitTimes(new double[] {30, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("splitTimes[1]");
    }

    @Test
    void shouldRejectGroupOfWrongLengthThrows() {
        assertThatThrownBy(() -> Ipcw.withDefaults().weights(new double[] {1, 2}, new boolean[] {true, false},
                new boolean[] {true}, new double[][] {{1, 2}}, new String[] {"age"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multi");
    }
}
