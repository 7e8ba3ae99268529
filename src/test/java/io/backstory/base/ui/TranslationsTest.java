package io.backstory.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.base.MainSources;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Issue 16: English and Spanish carry the same keys, and every literal key the code asks for exists in both. */
class TranslationsTest {

    private static final Path BUNDLES = Path.of("src/main/resources/vaadin-i18n");
    private static final Pattern LITERAL_KEY = Pattern.compile("getTranslation\\(\\s*\"([^\"]+)\"\\s*(\\+)?");

    @Test
    void shouldHaveTheSameKeysInEnglishAndSpanish() throws IOException {
        Set<String> english = load("translations.properties").stringPropertyNames();
        Set<String> spanish = load("translations_es.properties").stringPropertyNames();
        assertThat(difference(english, spanish)).as("keys in English without Spanish").isEmpty();
        assertThat(difference(spanish, english)).as("keys in Spanish without English").isEmpty();
    }

    /** The verdict's own bundle (analytics, read without Vaadin) is held to the same rule. */
    @Test
    void shouldHaveTheSameVerdictKeysInEnglishAndSpanish() throws IOException {
        Path verdict = Path.of("src/main/resources/io/backstory/analytics");
        Set<String> english = load(verdict.resolve("verdict.properties")).stringPropertyNames();
        Set<String> spanish = load(verdict.resolve("verdict_es.properties")).stringPropertyNames();
        assertThat(english).hasSizeGreaterThan(50);
        assertThat(difference(english, spanish)).as("verdict keys in English without Spanish").isEmpty();
        assertThat(difference(spanish, english)).as("verdict keys in Spanish without English").isEmpty();
    }

    @Test
    void shouldTranslateEveryLiteralKeyTheCodeAsksFor() throws IOException {
        Set<String> english = load("translations.properties").stringPropertyNames();
        Set<String> spanish = load("translations_es.properties").stringPropertyNames();
        // "prefix." + name: at least one key must start with the prefix.
        Set<String> used = MainSources.find(LITERAL_KEY, m -> m.group(2) == null ? m.group(1) : m.group(1) + "*");
        english = withPrefixes(english);
        spanish = withPrefixes(spanish);
        assertThat(used).as("getTranslation keys found in the sources").hasSizeGreaterThan(100);
        assertThat(difference(used, english)).as("keys used in code but missing in translations.properties").isEmpty();
        assertThat(difference(used, spanish)).as("keys used in code but missing in translations_es.properties").isEmpty();
    }

    /** The audit screen names each action in words: a new AuditLog.Action showed its raw key there. */
    @Test
    void shouldNameEveryAuditAction() throws IOException {
        Set<String> english = load("translations.properties").stringPropertyNames();
        Set<String> spanish = load("translations_es.properties").stringPropertyNames();
        Set<String> actions = new TreeSet<>();
        for (io.backstory.security.AuditLog.Action action : io.backstory.security.AuditLog.Action.values()) {
            actions.add("audit.action." + action.name());
        }
        assertThat(difference(actions, english)).as("audit actions missing in translations.properties").isEmpty();
        assertThat(difference(actions, spanish)).as("audit actions missing in translations_es.properties").isEmpty();
    }

    @Test
    void shouldTranslateTheMenuTitles() throws IOException {
        Set<String> spanish = load("translations_es.properties").stringPropertyNames();
        Pattern menu = Pattern.compile("@Menu\\([^)]*title\\s*=\\s*\"([^\"]+)\"");
        Set<String> titles = MainSources.find(menu, m -> m.group(1));
        assertThat(difference(titles, spanish)).as("@Menu title keys missing in Spanish").isEmpty();
    }

    private static Set<String> withPrefixes(Set<String> keys) {
        Set<String> all = new TreeSet<>(keys);
        for (String key : keys) {
            for (int i = key.indexOf('.'); i >= 0; i = key.indexOf('.', i + 1)) {
                all.add(key.substring(0, i + 1) + "*");
            }
            for (int i = 1; i <= key.length(); i++) {
                all.add(key.substring(0, i) + "*");
            }
        }
        return all;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static Properties load(String name) throws IOException {
        return load(BUNDLES.resolve(name));
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
