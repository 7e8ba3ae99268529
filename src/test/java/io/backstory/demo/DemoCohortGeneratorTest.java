package io.backstory.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.analytics.AnalysisCsv;
import io.backstory.analytics.AnalysisEpisode;
import io.backstory.analytics.AnalysisReport;
import io.backstory.analytics.RecurrenceAnalysis;
import io.backstory.demo.SyntheticRecords.Episode;
import io.backstory.demo.SyntheticRecords.Patient;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCohortGeneratorTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    private static List<Patient> clinic(int episodes) {
        List<Patient> patients = new ArrayList<>();
        new DemoCohortGenerator(DemoCohortSpec.of(20261128L, episodes, TODAY)).generate(patients::add);
        return patients;
    }

    private static List<AnalysisEpisode> rows(int episodes, long seed) {
        List<AnalysisEpisode> rows = new ArrayList<>();
        new DemoCohortGenerator(DemoCohortSpec.of(seed, episodes, TODAY)).analysisRows(rows::add);
        return rows;
    }

    @Test
    void shouldGenerateTheSameClinicFromTheSameSeed() {
        assertThat(clinic(300)).isEqualTo(clinic(300));
    }

    @Test
    void shouldGenerateTheRequestedDischargedEpisodesAndSomeOpenOnes() {
        List<Patient> patients = clinic(2000);
        long discharged = patients.stream().flatMap(p -> p.episodes().stream()).filter(e -> e.discharge() != null).count();
        long open = patients.stream().flatMap(p -> p.episodes().stream()).filter(e -> e.discharge() == null).count();
        assertThat(discharged).isBetween(2000L, 2003L);
        assertThat(open).isBetween(100L, 200L);
        assertThat(patients.size()).isBetween(1300, 2200);
    }

    @Test
    void shouldKeepDatesClinicallyConsistent() {
        for (Patient p : clinic(2000)) {
            LocalDate previousEnd = null;
            for (Episode e : p.episodes()) {
                assertThat(e.visits()).isNotEmpty();
                assertThat(e.visits().getFirst().date()).isEqualTo(e.start());
                assertThat(e.visits()).allSatisfy(v -> assertThat(v.date()).isBetween(e.start(), TODAY));
                if (previousEnd != null) {
                    assertThat(e.start()).isAfter(previousEnd);
                }
                if (e.discharge() != null) {
                    assertThat(e.discharge()).isEqualTo(e.visits().getLast().date()).isBefore(TODAY);
                    assertThat(e.followUps()).hasSize(4).allSatisfy(f -> assertThat(f.due()).isAfter(e.discharge()));
                    if (e.recurrence() != null) {
                        assertThat(e.recurrence().onset()).isAfter(e.discharge());
                    }
                    previousEnd = e.discharge();
                }
                assertThat(p.dateOfBirth()).isBefore(e.start().minusYears(17));
            }
        }
    }

    @Test
    void shouldLookLikeAClinicWithTheReferenceRecurrenceAndPlanMix() {
        List<AnalysisEpisode> rows = rows(2000, 20261128L);
        long isolated = rows.stream().filter(r -> r.breadth() <= 1).count();
        assertThat((double) isolated / rows.size()).isBetween(0.25, 0.45);
        AnalysisReport report = RecurrenceAnalysis.withDefaults().analyze(rows);
        double recurrenceByYear = 1 - (report.kmIsolated().survivalAt(365) * report.kmIsolated().n()
                + report.kmMulti().survivalAt(365) * report.kmMulti().n()) / rows.size();
        assertThat(recurrenceByYear).isBetween(0.35, 0.50);
        assertThat(report.followUpCompleteness()).isBetween(0.5, 0.95);
    }

    @Test
    void shouldRecoverThePlantedEffectOnALargeCohort() throws Exception {
        List<AnalysisEpisode> rows = rows(50_000, 7L);
        Path csv = Path.of("target", "demo-cohort-50k.csv");
        Files.createDirectories(csv.getParent());
        try (Writer w = Files.newBufferedWriter(csv)) {
            AnalysisCsv.write(w, rows);
        }
        AnalysisReport report = RecurrenceAnalysis.withDefaults().analyze(rows);
        // Planted: HR 0.75 conditional on the covariates; confounding by indication pushes the crude HR up.
        assertThat(report.adjustedEffect().ratio()).isBetween(0.70, 0.80);
    }
}
