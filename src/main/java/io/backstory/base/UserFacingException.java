package io.backstory.base;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * Input a service refused, as problems the user reads (issue 16): each problem is a key of the translations
 * bundle (src/main/resources/vaadin-i18n) and its arguments, so the form shows it in the user's language. Every
 * problem names its field and rule ("First name: required, at most 80 characters").
 *
 * <p>It stays an {@link IllegalArgumentException} whose {@link #getMessage()} is the English text with ISO dates,
 * exactly the text services threw before, so callers and logs that read the message keep working; the UI asks for
 * {@link #localized(Locale)} instead, with dates and numbers in the user's format.
 */
public class UserFacingException extends IllegalArgumentException {

    /**
     * One problem: a bundle key and its {@link MessageFormat} arguments. An argument that is itself a
     * {@code Problem} (usually without arguments) is translated too, so a shared rule can name the field it checks.
     */
    public record Problem(String key, Object... args) {

        public Problem {
            args = args == null ? new Object[0] : args.clone();
        }

        /** A bundle text used as an argument of another problem, such as a field's name. */
        public static Problem text(String key) {
            return new Problem(key);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Problem p && key.equals(p.key) && Arrays.equals(args, p.args);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + Arrays.hashCode(args);
        }

        @Override
        public String toString() {
            return render(this, Locale.ENGLISH, false);
        }

        /**
         * This problem in {@code locale}, for text stored or written out rather than shown in a form (the import's
         * problem list): English exactly as {@link #toString()} (ISO dates, plain numbers), so stored English texts
         * do not change; any other language with its own date and number formats.
         */
        public String in(Locale locale) {
            return "en".equals(locale.getLanguage()) || locale.getLanguage().isEmpty() ? toString() : render(this, locale, true);
        }
    }

    private final List<Problem> problems;

    public UserFacingException(String key, Object... args) {
        this(List.of(new Problem(key, args)));
    }

    public UserFacingException(List<Problem> problems) {
        super(problems.isEmpty() ? "" : problems.get(0).key());
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems: at least one");
        }
        this.problems = List.copyOf(problems);
    }

    /** Throws when there is at least one problem: a form lists them all at once. */
    public static void throwIfAny(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new UserFacingException(problems);
        }
    }

    /** The problems of any refusal, so several can be listed together: a plain exception's message stays as it is. */
    public static List<Problem> problemsOf(IllegalArgumentException e) {
        return e instanceof UserFacingException u ? u.problems : List.of(new Problem("error.text", String.valueOf(e.getMessage())));
    }

    /**
     * "Note: at most 2,000 characters (2,345 entered)": a field over its length cap. The forms set no browser
     * maxlength, which would cut pasted text silently; they keep all of it and show this, with the count the user
     * must come down from.
     */
    public static Problem tooLong(Problem field, int max, int entered) {
        return new Problem("error.tooLong", field, max, entered);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The English text with ISO dates, problems joined with "; " as forms split them. */
    @Override
    public String getMessage() {
        return problems.stream().map(p -> render(p, Locale.ENGLISH, false)).collect(Collectors.joining("; "));
    }

    /** The text in {@code locale}, dates as "3 Mar 2026" / "3 mar 2026" and numbers as the language writes them. */
    public String localized(Locale locale) {
        return problems.stream().map(p -> render(p, locale, true)).collect(Collectors.joining("; "));
    }

    /** The message of any refusal in {@code locale}: translated when it is one of these, as thrown otherwise. */
    public static String localized(RuntimeException e, Locale locale) {
        return e instanceof UserFacingException u ? u.localized(locale) : String.valueOf(e.getMessage());
    }

    static String render(Problem problem, Locale locale, boolean localFormats) {
        String pattern = pattern(problem.key(), locale);
        if (problem.args().length == 0) {
            return pattern;
        }
        List<Object> args = new ArrayList<>();
        for (Object arg : problem.args()) {
            args.add(argument(arg, locale, localFormats));
        }
        return new MessageFormat(pattern, locale).format(args.toArray());
    }

    private static Object argument(Object arg, Locale locale, boolean localFormats) {
        if (arg instanceof Problem nested) {
            return render(nested, locale, localFormats);
        }
        if (arg instanceof LocalDate date) {
            // The app's one date format (base.ui.Formats): unambiguous in every language.
            return localFormats ? DateTimeFormatter.ofPattern("d MMM yyyy", locale).format(date) : date.toString();
        }
        if (arg instanceof Number number) {
            // Counts and limits, never ids (those are passed as strings): "1,5" in Spanish, no grouping in English text.
            return localFormats ? NumberFormat.getInstance(locale).format(number) : plainNumber(number);
        }
        return arg == null ? "" : arg;
    }

    private static String plainNumber(Number number) {
        double d = number.doubleValue();
        return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString(number.longValue()) : number.toString();
    }

    private static String pattern(String key, Locale locale) {
        Locale language = "es".equals(locale.getLanguage()) ? Locale.of("es") : Locale.ROOT;
        try {
            return ResourceBundle.getBundle("vaadin-i18n.translations", language,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
        } catch (MissingResourceException missing) {
            // A key without text is a bug the bundle test catches; the user still sees which rule it was.
            return key;
        }
    }
}
