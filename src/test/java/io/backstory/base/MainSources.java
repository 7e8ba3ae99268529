package io.backstory.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The application's Java sources, for tests that hold what the code names (message keys, menu titles) to a bundle. */
public final class MainSources {

    private static final Path ROOT = Path.of("src/main/java");

    private MainSources() {
    }

    /** Every match of {@code pattern} in every source file, each turned into a string by {@code found}, sorted. */
    public static Set<String> find(Pattern pattern, Function<MatchResult, String> found) throws IOException {
        Set<String> all = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) {
                    all.add(found.apply(m));
                }
            }
        }
        return all;
    }
}
