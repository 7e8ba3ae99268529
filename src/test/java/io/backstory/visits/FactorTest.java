package io.backstory.visits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The five factors and their labels as DESIGN §1 names them. */
class FactorTest {

    @ParameterizedTest
    @CsvSource({
            "MOVEMENT, Movement patterns & variability, factor.movement.label",
            "MOBILITY, Mobility & stability through the body, factor.mobility.label",
            "STRENGTH, Strength & load tolerance, factor.strength.label",
            "RECOVERY, Recovery capacity & conditioning, factor.recovery.label",
            "BELIEFS, 'Stress, fear & beliefs about pain', factor.beliefs.label"})
    void shouldCarryDesignLabelAndMessageKeys(Factor factor, String label, String labelKey) {
        assertThat(factor.label()).isEqualTo(label);
        assertThat(factor.labelKey()).isEqualTo(labelKey);
        assertThat(factor.descriptionKey()).isEqualTo(labelKey.replace(".label", ".description"));
        assertThat(factor.description()).isNotBlank().doesNotContain("\n");
    }
}
