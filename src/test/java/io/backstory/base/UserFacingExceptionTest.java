package io.backstory.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.base.UserFacingException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UserFacingExceptionTest {

    private static final Locale ES = Locale.of("es");

    @Test
    void shouldKeepTheEnglishTextServicesThrewWithIsoDates() {
        UserFacingException e = new UserFacingException(List.of(
                new Problem("error.episode.dischargeDate", LocalDate.of(2026, 3, 3)),
                new Problem("error.patient.sex")));

        assertThat(e).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Discharge date: required, on or after the start date 2026-03-03 and not in the future; Sex: required");
    }

    @Test
    void shouldTranslateEveryProblemWithTheLanguagesDatesAndNumbers() {
        UserFacingException e = new UserFacingException(List.of(
                new Problem("error.episode.dischargeDate", LocalDate.of(2026, 3, 3)),
                new Problem("error.visit.minutes", 5, 240)));

        assertThat(e.localized(ES)).isEqualTo("Fecha de alta: obligatoria, igual o posterior a la fecha de inicio 3 mar 2026 y no futura; "
                + "Minutos: entre 5 y 240");
        assertThat(e.localized(Locale.ENGLISH)).startsWith("Discharge date: required, on or after the start date 3 Mar 2026");
    }

    @Test
    void shouldTranslateTheFieldANestedProblemNames() {
        UserFacingException e = new UserFacingException("error.required", Problem.text("error.field.clinicName"));

        assertThat(e).hasMessage("Clinic name: required");
        assertThat(e.localized(ES)).isEqualTo("Nombre de la clínica: obligatorio");
    }

    @Test
    void shouldKeepApostrophesOfTextsWithArguments() {
        assertThat(new UserFacingException("error.visit.intervention", "17"))
                .hasMessage("Interventions: 17 is not in this clinic's catalogue");
    }

    @Test
    void shouldShowAPlainExceptionAsThrownAndListItWithTranslatedOnes() {
        IllegalArgumentException plain = new IllegalArgumentException("Something: wrong");

        assertThat(UserFacingException.localized(plain, ES)).isEqualTo("Something: wrong");
        assertThat(new UserFacingException(UserFacingException.problemsOf(plain)).localized(ES)).isEqualTo("Something: wrong");
    }

    /** A key a service throws but the bundle lacks would show the user the bare key. */
    @Test
    void shouldFindEveryKeyTheCodeThrowsInTheEnglishBundle() throws IOException {
        Properties en = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/vaadin-i18n/translations.properties")) {
            en.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        Pattern literal = Pattern.compile("\"(error\\.[A-Za-z]+(?:\\.[A-Za-z]+)+|error\\.(?:required|atMost|text))\"");
        Set<String> used = MainSources.find(literal, m -> m.group(1));
        assertThat(used).hasSizeGreaterThan(60);
        assertThat(used.stream().filter(key -> !en.containsKey(key)).toList()).as("keys thrown but not in the bundle").isEmpty();
    }
}
