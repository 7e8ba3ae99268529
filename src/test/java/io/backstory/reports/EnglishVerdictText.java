package io.backstory.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Issue 16: the fixed English wording of the verdict (every sentence of the analytics bundle, cut at its
 * placeholders) and of the PDF, to check that a Spanish reader sees none of it. Only pieces of three words or more
 * count, so shared terms ("hazard ratio", "IPCW") do not trip the check.
 */
public final class EnglishVerdictText {

    private EnglishVerdictText() {
    }

    /** The pieces of English that must not appear in a Spanish verdict card or PDF. */
    public static List<String> pieces() throws IOException {
        TreeSet<String> pieces = new TreeSet<>();
        Properties spanish = new Properties();
        for (String bundle : new String[] {"io/backstory/analytics/verdict", "vaadin-i18n/translations"}) {
            Properties english = load(bundle + ".properties");
            spanish.putAll(load(bundle + "_es.properties"));
            for (String key : english.stringPropertyNames()) {
                boolean verdictText = key.startsWith("verdict.") || key.startsWith("pdf.") || key.startsWith("report.verdict.");
                if (!verdictText || english.getProperty(key).equals(spanish.getProperty(key))) {
                    continue;
                }
                for (String piece : english.getProperty(key).split("\\{[^}]*}")) {
                    String p = piece.strip();
                    // three words or more: "; log-rank p" is one (punctuation and single letters are not words)
                    if (java.util.Arrays.stream(p.split("\\s+")).filter(w -> w.matches(".*\\p{L}{2,}.*")).count() >= 3) {
                        pieces.add(p);
                    }
                }
            }
        }
        return List.copyOf(pieces);
    }

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = EnglishVerdictText.class.getClassLoader().getResourceAsStream(resource)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
