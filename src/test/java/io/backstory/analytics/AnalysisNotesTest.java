package io.backstory.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class AnalysisNotesTest {

    private static final Locale ES = Locale.of("es");

    /** One note of every shape the models write (the texts as CoxModel, Ipcw, Iptw, ... build them). */
    private static final List<String> NOTES = List.of(
            "12 episodes with missing covariates were left out of the adjusted models (complete cases).",
            "Cox model did not converge in 20 iterations; estimates are unreliable (monotone likelihood or too few events)",
            "one or more Cox coefficients may be infinite",
            "Cox log-likelihood converged before multifactor; coefficient may be infinite (monotone likelihood: a group without events?)",
            "Cox log-likelihood stopped before age, sex[F]; coefficient may be infinite (monotone likelihood: a group without events?)",
            "IPCW: extreme censoring weights (max 12.5): a few patients still followed stand in for many lost ones",
            "IPTW: extreme stabilised weights (max 31.2): some covariate patterns are almost never or always treated, the weighted estimate is unstable",
            "IPTW: extreme weights even after truncation (max 10.4): a few patients carry the weighted estimate",
            "logistic model did not converge in 25 IRLS iterations",
            "separation: fitted probabilities numerically 0 or 1 occurred; the outcome is (quasi-)perfectly predicted by multifactor; their coefficients and standard errors are not valid estimates",
            "separation: the outcome is (quasi-)perfectly predicted by age, startback[high]; their coefficients and standard errors are not valid estimates",
            "follow-up completeness differs between plan groups: 81 % (multi-factor) vs 64 % (isolated)",
            "covariates still unbalanced after weighting (|SMD| >= 0.1): age",
            "No model was fitted: no discharged episodes match the filter.",
            "Cox model (primary) not fitted: multifactor: no events in one group.",
            "horizon risk difference could not be fitted: bootstrap resample without a group",
            "stratified Cox model: Cox model did not converge in 20 iterations; estimates are unreliable (monotone likelihood or too few events)",
            "IPCW: IPCW-weighted Cox model: one or more Cox coefficients may be infinite",
            // the reasons a clinic's own data give (LogRank, CoxModel, LogisticModel, NaturalSpline word them so)
            "Log-rank test (multi-factor vs isolated) not fitted: group must have at least 2 distinct values, had 1.",
            "Cox model (primary) not fitted: event: at least one event is required to fit a Cox model.",
            "Logistic model at the horizon not fitted: y: both outcomes must occur (had 0 of 40 true).",
            "Cox model with visits not fitted: x: all values equal 6.0; a spline needs at least two distinct values.");

    @Test
    void shouldWriteEveryNoteInSpanishWithTheDecimalComma() {
        for (String note : NOTES) {
            assertThat(AnalysisNotes.in(note, ES)).as(note).isNotEqualTo(note);
        }
        assertThat(AnalysisNotes.in(NOTES.get(5), ES)).isEqualTo(
                "IPCW: pesos de censura extremos (máx. 12,5): unos pocos pacientes aún seguidos representan a muchos perdidos");
        assertThat(AnalysisNotes.in(NOTES.get(16), ES)).isEqualTo("modelo de Cox estratificado: El modelo de Cox no convergió en "
                + "20 iteraciones; las estimaciones no son fiables (verosimilitud monótona o muy pocos eventos)");
        assertThat(AnalysisNotes.in(NOTES.get(14), ES)).isEqualTo("Modelo de Cox (principal) no ajustado: multifactor: no events in one group.");
    }

    /** Issue 16: why a model was not fitted is said in Spanish too, when it is one of the reasons thin data give. */
    @Test
    void shouldSayWhyAModelWasNotFittedInSpanish() {
        assertThat(AnalysisNotes.in(NOTES.get(18), ES)).isEqualTo("Prueba log-rank (multifactorial frente a aislado) no ajustado: "
                + "todos los episodios están en un solo grupo de plan (se necesitan 2; había 1).");
        assertThat(AnalysisNotes.in(NOTES.get(19), ES)).isEqualTo("Modelo de Cox (principal) no ajustado: "
                + "aún no hay ninguna recurrencia (un modelo de Cox necesita al menos un evento).");
        assertThat(AnalysisNotes.in(NOTES.get(21), ES)).isEqualTo("Modelo de Cox con visitas no ajustado: "
                + "todos los valores son 6,0; un spline necesita al menos dos valores distintos.");
    }

    /** The English texts of the bundle are the notes themselves: a rule whose text drifted from its pattern fails here. */
    @Test
    void shouldGiveBackEveryNoteUnchangedThroughTheEnglishTexts() {
        for (String note : NOTES) {
            assertThat(AnalysisNotes.translated(note, Locale.ENGLISH)).isEqualTo(note);
            assertThat(AnalysisNotes.in(note, Locale.ENGLISH)).isEqualTo(note);
        }
    }

    @Test
    void shouldLeaveANoteWithoutARuleInEnglish() {
        assertThat(AnalysisNotes.in("something new the models say", ES)).isEqualTo("something new the models say");
        assertThat(AnalysisNotes.in("Some new model not fitted: why.", ES)).isEqualTo("Some new model not fitted: why.");
    }
}
