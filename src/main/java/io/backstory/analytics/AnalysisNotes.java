package io.backstory.analytics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The technical notes of an analysis ({@link AnalysisReport#warnings()}) in the reader's language (issue 16). The
 * notes stay English strings in the report, its JSON and the cache (the command line and R comparisons read them as
 * they are); the report page and the PDF read them through here. Each note the models write has a rule: the English
 * shape as a pattern, and a key of the verdict bundle ({@code note.*}) whose placeholders take the captured parts.
 * Numbers get the language's decimal mark; model and column names inside a note keep their technical names. A note
 * no rule knows is shown in English rather than lost.
 */
public final class AnalysisNotes {

    private static final String BUNDLE = "io.backstory.analytics.verdict";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** The models a note can name (RecurrenceAnalysis, the fitters' prefixes), by their English name. */
    private static final Map<String, String> MODELS = Map.ofEntries(
            Map.entry("2x2 comparison", "twoByTwo"),
            Map.entry("Log-rank test (multi-factor vs isolated)", "logRank"),
            Map.entry("Log-rank test by plan breadth", "logRankBreadth"),
            Map.entry("Cox model (primary)", "coxPrimary"),
            Map.entry("Cox model with visits", "coxVisits"),
            Map.entry("Cox model by factor", "coxFactors"),
            Map.entry("Logistic model at the horizon", "logistic"),
            Map.entry("propensity weighting", "propensityWeighting"),
            Map.entry("loss to follow-up", "lossToFollowUp"),
            Map.entry("IPCW", "ipcw"),
            Map.entry("IPTW", "iptw"),
            Map.entry("piecewise Cox model", "piecewise"),
            Map.entry("horizon risk difference", "riskDifference"),
            Map.entry("composite-outcome Cox model", "composite"),
            Map.entry("stratified Cox model", "stratified"),
            Map.entry("weighted Cox model", "weightedCox"),
            Map.entry("IPCW-weighted Cox model", "ipcwCox"),
            Map.entry("propensity model", "propensity"),
            Map.entry("censoring model", "censoring"));

    private record Rule(Pattern pattern, String key, List<Kind> parts) {
    }

    /**
     * How a captured part is carried over: as it is, as a number, as a model name, as another note, or as the
     * reason a model was not fitted (the models' own refusal texts, {@link #REASONS}).
     */
    private enum Kind { TEXT, NUMBER, MODEL, NOTE, REASON }

    /**
     * The refusals a clinic's own data can cause (one plan group, no recurrence yet, one outcome only, a constant
     * visit count), as LogRank, CoxModel, LogisticModel and NaturalSpline word them; any other reason stays as written.
     */
    private static final List<Rule> REASONS = List.of(
            rule("group must have at least 2 distinct values, had (\\d+)", "note.reason.oneGroup", Kind.NUMBER),
            rule("event: at least one event is required to fit a Cox model", "note.reason.noEvent"),
            rule("y: both outcomes must occur \\(had (\\d+) of (\\d+) true\\)", "note.reason.oneOutcome", Kind.NUMBER, Kind.NUMBER),
            rule("x: all values equal ([\\d.E-]+); a spline needs at least two distinct values", "note.reason.splineConstant", Kind.NUMBER));

    private static final List<Rule> RULES = List.of(
            rule("(\\d+) episodes with missing covariates were left out of the adjusted models \\(complete cases\\)\\.",
                    "note.missingCovariates", Kind.NUMBER),
            rule("Cox model did not converge in (\\d+) iterations; estimates are unreliable \\(monotone likelihood or too few events\\)",
                    "note.coxNotConverged", Kind.NUMBER),
            rule("one or more Cox coefficients may be infinite", "note.coxInfinite"),
            rule("Cox log-likelihood converged before (.+); coefficient may be infinite \\(monotone likelihood: a group without events\\?\\)",
                    "note.coxConvergedBefore", Kind.TEXT),
            rule("Cox log-likelihood stopped before (.+); coefficient may be infinite \\(monotone likelihood: a group without events\\?\\)",
                    "note.coxStoppedBefore", Kind.TEXT),
            rule("extreme censoring weights \\(max ([\\d.]+)\\): a few patients still followed stand in for many lost ones",
                    "note.extremeCensoringWeights", Kind.NUMBER),
            rule("extreme stabilised weights \\(max ([\\d.]+)\\): some covariate patterns are almost never or always treated, "
                    + "the weighted estimate is unstable", "note.extremeStabilisedWeights", Kind.NUMBER),
            rule("extreme weights even after truncation \\(max ([\\d.]+)\\): a few patients carry the weighted estimate",
                    "note.extremeTruncatedWeights", Kind.NUMBER),
            rule("logistic model did not converge in (\\d+) IRLS iterations", "note.logisticNotConverged", Kind.NUMBER),
            rule("separation: fitted probabilities numerically 0 or 1 occurred; the outcome is \\(quasi-\\)perfectly predicted by (.+); "
                    + "their coefficients and standard errors are not valid estimates", "note.separationBoundary", Kind.TEXT),
            rule("separation: the outcome is \\(quasi-\\)perfectly predicted by (.+); their coefficients and standard errors are not "
                    + "valid estimates", "note.separation", Kind.TEXT),
            rule("follow-up completeness differs between plan groups: (\\d+) % \\(multi-factor\\) vs (\\d+) % \\(isolated\\)",
                    "note.completenessDiffers", Kind.NUMBER, Kind.NUMBER),
            rule("covariates still unbalanced after weighting \\(\\|SMD\\| >= ([\\d.]+)\\): (.+)", "note.unbalanced", Kind.NUMBER, Kind.TEXT),
            rule("No model was fitted: no discharged episodes match the filter\\.", "note.noModel"),
            rule("(.+?) not fitted: (.*)\\.", "note.notFitted", Kind.MODEL, Kind.REASON),
            rule("(.+?) could not be fitted: (.*)", "note.couldNotFit", Kind.MODEL, Kind.REASON),
            rule("(IPTW|IPCW|stratified Cox model|weighted Cox model|IPCW-weighted Cox model|propensity model|censoring model): (.+)",
                    "note.prefixed", Kind.MODEL, Kind.NOTE));

    private AnalysisNotes() {
    }

    private static Rule rule(String regex, String key, Kind... parts) {
        return new Rule(Pattern.compile(regex), key, List.of(parts));
    }

    /** The note in {@code locale}; English (and any language without a bundle, or a note without a rule) as written. */
    public static String in(String note, Locale locale) {
        if (!"es".equals(locale.getLanguage())) {
            return note;
        }
        return translated(note, locale);
    }

    /** Through the bundle of {@code locale}'s language even in English, so a test can check the English texts match the notes. */
    static String translated(String note, Locale locale) {
        Locale language = "es".equals(locale.getLanguage()) ? Locale.of("es") : Locale.ROOT;
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, language, AnalysisNotes.class.getClassLoader(), NO_FALLBACK);
        return translate(note, bundle, locale);
    }

    private static String translate(String note, ResourceBundle bundle, Locale locale) {
        return translate(note, RULES, bundle, locale);
    }

    private static String translate(String note, List<Rule> rules, ResourceBundle bundle, Locale locale) {
        for (Rule rule : rules) {
            Matcher m = rule.pattern().matcher(note);
            if (!m.matches()) {
                continue;
            }
            // A model name the list does not know keeps the rule from applying: better English than a half-translation.
            if (rule.parts().contains(Kind.MODEL) && !MODELS.containsKey(m.group(rule.parts().indexOf(Kind.MODEL) + 1))) {
                continue;
            }
            String text = text(bundle, rule.key(), note);
            for (int i = rule.parts().size() - 1; i >= 0; i--) {
                String part = m.group(i + 1);
                Function<String, String> carry = switch (rule.parts().get(i)) {
                    case TEXT -> Function.identity();
                    case NUMBER -> s -> s.replace('.', decimalMark(locale));
                    case MODEL -> s -> text(bundle, "note.model." + MODELS.get(s), s);
                    case NOTE -> s -> translate(s, bundle, locale);
                    case REASON -> s -> translate(s, REASONS, bundle, locale);
                };
                text = text.replace("{" + i + "}", carry.apply(part));
            }
            return text;
        }
        return note;
    }

    private static char decimalMark(Locale locale) {
        return java.text.DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
    }

    private static String text(ResourceBundle bundle, String key, String otherwise) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return otherwise;
        }
    }
}
