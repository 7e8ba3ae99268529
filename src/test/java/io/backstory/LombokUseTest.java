package io.backstory;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.base.MainSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/style.md rule 11: Lombok writes the injection constructors of beans, and nothing else. */
class LombokUseTest {

    private static final Pattern LOMBOK_IMPORT = Pattern.compile("^import (lombok\\.[\\w.]+);", Pattern.MULTILINE);

    /** A constructor whose body only assigns each parameter to the field of its name. */
    private static final Pattern ASSIGNING_CONSTRUCTOR = Pattern.compile(
            "\\n    (?:public |protected |private )?(\\w+)\\(([^)]*)\\)\\s*\\{\\s*(?:this\\.(\\w+) = \\3;\\s*)+}");

    private static final Pattern BEAN = Pattern.compile(
            "^@(Component|Service|Repository|Controller|RestController|Configuration|Route)\\b", Pattern.MULTILINE);

    @Test
    void shouldUseOnlyRequiredArgsConstructorOfLombok() throws IOException {
        assertThat(MainSources.find(LOMBOK_IMPORT, m -> m.group(1)))
                .isSubsetOf("lombok.RequiredArgsConstructor", "lombok.AccessLevel");
    }

    @Test
    void shouldLetLombokWriteConstructorsThatOnlyAssignTheirBeansFields() throws IOException {
        List<String> handWritten = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("src/test/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    String name = file.getFileName().toString().replace(".java", "");
                    Matcher m = ASSIGNING_CONSTRUCTOR.matcher(source);
                    while (m.find()) {
                        boolean annotatedParameter = m.group(2).contains("@");
                        if (m.group(1).equals(name) && !annotatedParameter && BEAN.matcher(source).find()) {
                            handWritten.add(name);
                        }
                    }
                }
            }
        }
        assertThat(handWritten).as("beans whose constructor only assigns fields: use @RequiredArgsConstructor").isEmpty();
    }
}
