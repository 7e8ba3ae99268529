package io.backstory.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The five factors, their message keys and their English labels in the translations file (DESIGN §1). */
class FactorTest {

    private static final ResourceBundle ENGLISH = ResourceBundle.getBundle("vaadin-i18n/translations", Locale.ENGLISH);

    @ParameterizedTest
    @CsvSource({
            "MOVEMENT, Movement patterns & variability, factor.movement.label",
            "MOBILITY, Mobility & stability, factor.mobility.label",
            "STRENGTH, Strength & load tolerance, factor.strength.label",
            "RECOVERY, Recovery & conditioning, factor.recovery.label",
            "BELIEFS, 'Stress, fear & beliefs', factor.beliefs.label"})
    void shouldCarryMessageKeysWhoseEnglishLabelsNameTheFactor(Factor factor, String label, String labelKey) {
        assertThat(factor.labelKey()).isEqualTo(labelKey);
        assertThat(factor.descriptionKey()).isEqualTo(labelKey.replace(".label", ".description"));
        assertThat(ENGLISH.getString(factor.labelKey())).isEqualTo(label);
        assertThat(ENGLISH.getString(factor.descriptionKey())).isNotBlank().doesNotContain("\n");
    }
}
