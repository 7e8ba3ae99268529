package io.backstory.analytics;

import java.util.List;

/** The verdict, its plain-English explanation with numbers and caveats, and the data-quality warnings. */
public record VerdictResult(VerdictCode code, String sentence, List<String> warnings) {

    public VerdictResult {
        warnings = List.copyOf(warnings);
    }
}
