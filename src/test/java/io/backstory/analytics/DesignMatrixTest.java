package io.backstory.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class DesignMatrixTest {

    private static AnalysisEpisode episode(String id, int breadth, Double age, Sex sex, Chronicity chronicity,
                                           StartBackRisk startBack, int visits) {
        return new AnalysisEpisode(id, breadth >= 1, breadth >= 2, breadth >= 3, breadth >= 4, breadth >= 5,
                age, sex, chronicity, 5.0, 30.0, 12.0, startBack, 1, visits, 100.0 + breadth, breadth % 2 == 0);
    }

    private static final List<AnalysisEpisode> EPISODES = List.of(
            episode("a", 0, 40.0, Sex.F, Chronicity.ACUTE, StartBackRisk.LOW, 3),
            episode("b", 1, 50.0, Sex.M, Chronicity.SUBACUTE, StartBackRisk.MEDIUM, 4),
            episode("c", 2, null, Sex.F, Chronicity.CHRONIC, StartBackRisk.HIGH, 5),
            episode("d", 3, 60.0, Sex.M, Chronicity.CHRONIC, StartBackRisk.HIGH, 6),
            episode("e", 5, 70.0, Sex.F, Chronicity.ACUTE, StartBackRisk.LOW, 7));

    @Test
    void shouldNameAndCodeTermsWhenBuildingPrimaryDesign() {
        DesignMatrix m = DesignMatrix.of(EPISODES);

        assertThat(m.names()).containsExactly("multifactor", "age", "sex[M]", "sex[X]", "chronicity[subacute]",
                "chronicity[chronic]", "baseline_nprs", "baseline_odi", "fabq_pa", "startback[medium]",
                "startback[high]", "prior_episodes");
        assertThat(m.rows()).isEqualTo(4);
        assertThat(m.excludedCount()).isEqualTo(1);
        assertThat(m.rowIndex()).containsExactly(0, 1, 3, 4);
        assertThat(m.column("multifactor")).containsExactly(0, 0, 1, 1);
        assertThat(m.column("age")).containsExactly(40, 50, 60, 70);
        assertThat(m.column("sex[M]")).containsExactly(0, 1, 1, 0);
        assertThat(m.column("sex[X]")).containsExactly(0, 0, 0, 0);
        assertThat(m.column("chronicity[subacute]")).containsExactly(0, 1, 0, 0);
        assertThat(m.column("chronicity[chronic]")).containsExactly(0, 0, 1, 0);
        assertThat(m.column("startback[medium]")).containsExactly(0, 1, 0, 0);
        assertThat(m.column("startback[high]")).containsExactly(0, 0, 1, 0);
        assertThat(m.time()).containsExactly(100, 101, 103, 105);
        assertThat(m.event()).containsExactly(true, false, false, false);
        assertThat(m.columns()).hasNumberOfRows(12);
    }

    @Test
    void shouldUseFiveFactorColumnsAndVisitsWhenAsked() {
        DesignMatrix m = DesignMatrix.of(EPISODES, DesignMatrix.Terms.FACTOR_COLUMNS, DesignMatrix.Terms.WITH_VISITS);

        assertThat(m.names()).startsWith("f_movement", "f_mobility", "f_strength", "f_recovery", "f_beliefs", "age")
                .endsWith("prior_episodes", "visits").doesNotContain("multifactor");
        assertThat(m.column("f_strength")).containsExactly(0, 0, 1, 1);
        assertThat(m.column("visits")).containsExactly(3, 4, 6, 7);
    }

    @Test
    void shouldLeaveOutExposureButKeepItAsideWhenBuildingPropensityCovariates() {
        DesignMatrix m = DesignMatrix.of(EPISODES, DesignMatrix.Terms.WITHOUT_EXPOSURE);

        assertThat(m.names()).startsWith("age").hasSize(11);
        assertThat(m.multifactor()).containsExactly(false, false, true, true);
    }

    @Test
    void shouldMoveTheCutWhenIsolatedThresholdChanges() {
        DesignMatrix m = DesignMatrix.of(EPISODES, 2);

        assertThat(m.column("multifactor")).containsExactly(0, 0, 1, 1);
        assertThat(DesignMatrix.of(EPISODES, 0).column("multifactor")).containsExactly(0, 1, 1, 1);
        assertThat(DesignMatrix.of(EPISODES, 4).column("multifactor")).containsExactly(0, 0, 0, 1);
    }

    @Test
    void shouldThrowWhenThresholdIsOutOfRange() {
        assertThatThrownBy(() -> DesignMatrix.of(EPISODES, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("isolatedThreshold must be between 0 and 4");
    }

    @Test
    void shouldThrowWhenAskedForUnknownTerm() {
        assertThatThrownBy(() -> DesignMatrix.of(EPISODES).column("bmi"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no term named 'bmi'");
    }
}
