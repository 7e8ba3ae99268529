package io.backstory.analytics;

import java.util.List;

/**
 * The verdict, its plain-English explanation with numbers and caveats, the reasons it is not SUPPORTS or
 * CONTRADICTS (empty when it is, or when data are insufficient), and the data-quality warnings. The dashboard
 * card, the PDF and the JSON all show these same lists.
 */
public record VerdictResult(VerdictCode code, String sentence, List<String> reasons, List<String> warnings) {

    public VerdictResult {
        reasons = List.copyOf(reasons);
        warnings = List.copyOf(warnings);
    }
}
