package io.backstory.analytics;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * A sentence of the verdict as a message key and its arguments, put into words only when it is shown: the analysis
 * is computed once per filter and cached, while each reader sees it in their own language (issue 16). The texts are
 * in this package's own bundle ({@code io/backstory/analytics/verdict.properties} and {@code verdict_es}), read with
 * plain {@link ResourceBundle}, so the analytics stay free of Spring and Vaadin and the command line renders the same
 * English. Numbers are kept as numbers ({@link Num}) and formatted for the language there (decimal comma in Spanish).
 * <p>
 * An argument is another {@code Wording}, a {@link Num}, an {@link Integer} or {@link Long} (a count), a list of
 * arguments (joined by a comma) or a {@link String} shown as it is (a column name the bundle does not know).
 * Placeholders are {@code {0}}, {@code {1}}, ... replaced literally (no MessageFormat: apostrophes stay as written).
 *
 * @param key  the bundle key; {@link #SENTENCES} joins the arguments with a space
 * @param args the arguments of the placeholders
 */
public record Wording(String key, List<Object> args) {

    /** The key of a text made of several sentences, each an argument. */
    static final String SENTENCES = "";
    private static final String BUNDLE = "io.backstory.analytics.verdict";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public Wording {
        args = List.copyOf(args);
    }

    static Wording of(String key, Object... args) {
        return new Wording(key, List.of(args));
    }

    static Wording sentences(List<Wording> parts) {
        return new Wording(SENTENCES, new ArrayList<>(parts));
    }

    /** In English, the language of the JSON and of the command line. */
    public String english() {
        return in(Locale.ENGLISH);
    }

    /** In the given language (English for any language without a bundle). */
    public String in(Locale locale) {
        return render(bundle(locale), locale);
    }

    /** Every key of the verdict bundle in a language (for the test that English and Spanish carry the same). */
    public static java.util.Set<String> keys(Locale locale) {
        return bundle(locale).keySet();
    }

    private static ResourceBundle bundle(Locale locale) {
        // Without the no-fallback control a missing language would fall back to the JVM's default locale.
        return ResourceBundle.getBundle(BUNDLE, Locale.of(locale.getLanguage()), Wording.class.getClassLoader(), NO_FALLBACK);
    }

    private String render(ResourceBundle bundle, Locale locale) {
        if (key.equals(SENTENCES)) {
            return args.stream().map(a -> argument(a, bundle, locale)).collect(Collectors.joining(" "));
        }
        String text;
        try {
            text = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("verdict bundle has no key " + key + " for " + locale, e);
        }
        for (int i = args.size() - 1; i >= 0; i--) {
            text = text.replace("{" + i + "}", argument(args.get(i), bundle, locale));
        }
        return text;
    }

    private static String argument(Object arg, ResourceBundle bundle, Locale locale) {
        return switch (arg) {
            case Wording w -> w.render(bundle, locale);
            case Num n -> n.format(bundle, locale);
            case Integer i -> String.format(locale, "%,d", i);
            case Long l -> String.format(locale, "%,d", l);
            case List<?> list -> list.stream().map(a -> argument(a, bundle, locale)).collect(Collectors.joining(", "));
            default -> String.valueOf(arg);
        };
    }

    /** A number and how it reads: formatted in the reader's language. */
    record Num(Kind kind, double value) {

        enum Kind { RATIO, PERCENT, SIGNED_PERCENT, ONE_DECIMAL, P_VALUE, PLAIN }

        static Num ratio(double v) {
            return new Num(Kind.RATIO, v);
        }

        static Num percent(double share) {
            return new Num(Kind.PERCENT, share);
        }

        static Num signedPercent(double share) {
            return new Num(Kind.SIGNED_PERCENT, share);
        }

        static Num plain(double v) {
            return new Num(Kind.PLAIN, v);
        }

        String format(ResourceBundle bundle, Locale locale) {
            if (!Double.isFinite(value) && kind != Kind.PERCENT) {
                return bundle.getString("verdict.notEstimable");
            }
            return switch (kind) {
                case RATIO -> String.format(locale, "%.2f", value);
                case PERCENT -> String.format(locale, "%.0f %%", 100 * value);
                case SIGNED_PERCENT -> String.format(locale, "%+.1f %%", 100 * value);
                case ONE_DECIMAL -> String.format(locale, "%.1f", value);
                case P_VALUE -> value < 0.001 ? "< " + String.format(locale, "%.3f", 0.001) : String.format(locale, "%.3f", value);
                case PLAIN -> {
                    // A threshold as written in the constant (0.1, 5), with the language's decimal mark.
                    DecimalFormat f = new DecimalFormat("0.##########", DecimalFormatSymbols.getInstance(locale));
                    yield f.format(BigDecimal.valueOf(value).stripTrailingZeros());
                }
            };
        }
    }
}
