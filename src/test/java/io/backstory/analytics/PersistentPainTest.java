package io.backstory.analytics;

import static io.backstory.analytics.RelativeTolerance.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Non-recovery and the composite outcome against R on the planted confounded null (planted/confounded-null.csv,
 * planted/reference.R), where sicker patients both get broader plans and recover less often.
 */
class PersistentPainTest {

    static final List<AnalysisEpisode> ROWS = PlantedCohort.committed(PlantedCohort.Scenario.CONFOUNDED_NULL);
    static final AnalysisColumns DATA = PlantedCohort.columns(ROWS);

    @Test
    void shouldMatchRWhenComparingNonRecovery() {
        PersistentPainResult r = PersistentPain.compare(DATA.multi, DATA.recovered);

        // k <- d[!is.na(d$recovered), ]; x <- sum(k$recovered[k$multi == g] == 0); prop.test(x, m, correct = FALSE)
        assertThat(r.isolated().events()).isEqualTo(68);
        assertThat(r.isolated().n()).isEqualTo(848);
        close("isolated rate", r.isolated().rate(), 0.080188679245283015);
        close("isolated lower", r.isolated().lower(), 0.063745969842329775);
        close("isolated upper", r.isolated().upper(), 0.10041774556815676);
        assertThat(r.multi().events()).isEqualTo(303);
        assertThat(r.multi().n()).isEqualTo(2148);
        close("multi rate", r.multi().rate(), 0.14106145251396648);
        close("multi lower", r.multi().lower(), 0.12698113745476958);
        close("multi upper", r.multi().upper(), 0.15642331891020569);
        close("rd", r.comparison().rd(), 0.14106145251396648 - 0.080188679245283015);
        // sum(is.na(d$recovered) & d$multi == 0); ... == 1
        assertThat(r.unknownIsolated()).isEqualTo(1);
        assertThat(r.unknownMulti()).isEqualTo(3);
    }

    @Test
    void shouldMatchRWhenFittingTheCompositeOutcome() {
        double[] time = ROWS.stream().mapToDouble(AnalysisEpisode::timeDays).toArray();
        boolean[] recurred = new boolean[ROWS.size()];
        Boolean[] recovered = new Boolean[ROWS.size()];
        for (int i = 0; i < recurred.length; i++) {
            recurred[i] = ROWS.get(i).recurred();
            recovered[i] = ROWS.get(i).recovered();
        }

        PersistentPain.Composite c = PersistentPain.composite(time, recurred, recovered, 30);
        // the composite in the dataset's own shape, so the ordinary pipeline (horizon truncation, design) applies
        List<AnalysisEpisode> composite = new java.util.ArrayList<>();
        for (int i = 0; i < ROWS.size(); i++) {
            AnalysisEpisode e = ROWS.get(i);
            composite.add(new AnalysisEpisode(e.episodeId(), e.movement(), e.mobility(), e.strength(), e.recovery(),
                    e.beliefs(), e.age(), e.sex(), e.chronicity(), e.baselineNprs(), e.baselineOdi(), e.fabqPa(),
                    e.startBack(), e.priorEpisodes(), e.visits(), c.time()[i], c.event()[i]));
        }
        DesignMatrix d = PlantedCohort.columns(composite).design(true, false, false);
        CoxResult cox = CoxModel.withDefaults().fit(d.time(), d.event(), d.columns(), d.names().toArray(String[]::new));

        // status_c <- recurred == 1 | (!is.na(recovered) & recovered == 0)
        // time_c <- ifelse(recurred == 0 & !is.na(recovered) & recovered == 0, pmin(time_days, 30), time_days)
        // tc <- pmin(time_c, 365); sc <- status_c == 1 & time_c <= 365; sum(sc)
        assertThat(cox.events()).isEqualTo(1577);
        assertThat(c.neverRecovered()).isEqualTo(68 + 303);
        // fc <- coxph(Surv(tc, sc) ~ multi + covariates); coef(fc)["multi"]; sqrt(vcov(fc)["multi", "multi"])
        close("coef", cox.term("multifactor").coef(), 0.051714879172936483);
        close("se", cox.term("multifactor").se(), 0.081568177678305834);
    }

    @Test
    void shouldKeepRecurrenceTimeWhenPatientRecurred() {
        PersistentPain.Composite c = PersistentPain.composite(new double[] {200, 91, 182, 0},
                new boolean[] {true, false, false, false}, new Boolean[] {true, false, null, null}, 30);

        assertThat(c.time()).containsExactly(200, 30, 182, 0);
        assertThat(c.event()).containsExactly(true, true, false, false);
    }

    @Test
    void shouldRejectRecoveredOfWrongLengthThrows() {
        assertThatThrownBy(() -> PersistentPain.compare(new boolean[] {true, false}, new Boolean[] {true}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recovered");
    }

    @Test
    void shouldRejectNonPositiveRecoveryWindowThrows() {
        assertThatThrownBy(() -> PersistentPain.composite(new double[] {1}, new boolean[] {false}, new Boolean[] {false}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recoveryDays");
    }
}
