package io.backstory.base;

import io.backstory.base.UserFacingException.Problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"Theo Marsh", "José Ñúñez", "Zoë O'Brien-Smith", "李小龍", "محمد", "👩‍⚕️ Ana", "<img src=x onerror=alert(1)>"})
    void shouldAcceptOrdinaryNamesOfEveryScript(String name) {
        assertThat(PlainText.problem(Problem.text("error.field.displayName"), name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202Eevil", "a\u202Db", "a\u2066b", "a\u2069", "a\u200Eb", "a\u200Bb", "a\uFEFF"})
    void shouldRefuseBidiOverrideAndInvisibleFormatCharactersNamingTheField(String name) {
        assertThat(PlainText.problem(Problem.text("error.field.displayName"), name)).hasValueSatisfying(p -> assertThat(p.toString())
                .startsWith("Display name: must not contain invisible text-direction or formatting characters (U+"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\tb", "a\nb", "a\u0000b", "a\u007Fb", "a\u0085b"})
    void shouldRefuseControlCharacters(String name) {
        assertThat(PlainText.problem(Problem.text("error.field.lastName"), name)).hasValueSatisfying(p -> assertThat(p.toString())
                .startsWith("Last name: must not contain control characters"));
    }

    @Test
    void shouldNameThePositionOfTheCharacterAndThrowFromRequire() {
        assertThat(PlainText.problem(Problem.text("error.field.firstName"), "Ann\u202E")).hasValueSatisfying(p -> assertThat(p.toString()).contains("U+202E at position 4"));
        assertThatThrownBy(() -> PlainText.require(Problem.text("error.field.clinicName"), "X\u202Ey")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Clinic name:");
    }
}
