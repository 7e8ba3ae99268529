package io.backstory.analytics;

import java.util.List;
import java.util.Locale;

/**
 * The verdict, its plain-language explanation with numbers and caveats, the reasons it is not SUPPORTS or
 * CONTRADICTS (empty when it is, or when data are insufficient), and the data-quality warnings. The dashboard
 * card, the PDF and the JSON all show these same lists. The texts are {@link Wording}s, put into the reader's
 * language when shown (issue 16); {@link #sentence()}, {@link #reasons()} and {@link #warnings()} are English, the
 * language of the JSON and of the command line.
 */
public record VerdictResult(VerdictCode code, Wording wording, List<Wording> reasonWordings, List<Wording> warningWordings) {

    public VerdictResult {
        reasonWordings = List.copyOf(reasonWordings);
        warningWordings = List.copyOf(warningWordings);
    }

    public String sentence() {
        return sentence(Locale.ENGLISH);
    }

    public List<String> reasons() {
        return reasons(Locale.ENGLISH);
    }

    public List<String> warnings() {
        return warnings(Locale.ENGLISH);
    }

    public String sentence(Locale locale) {
        return wording.in(locale);
    }

    public List<String> reasons(Locale locale) {
        return reasonWordings.stream().map(w -> w.in(locale)).toList();
    }

    public List<String> warnings(Locale locale) {
        return warningWordings.stream().map(w -> w.in(locale)).toList();
    }
}
