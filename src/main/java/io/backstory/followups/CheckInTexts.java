package io.backstory.followups;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The check-in email and the public patient page are not Vaadin UI, so they read the same translation bundle
 * ({@code vaadin-i18n/translations*.properties}) directly: one home for every user-visible string.
 */
final class CheckInTexts {

    private final ResourceBundle bundle;
    private final Locale locale;

    private CheckInTexts(Locale locale) {
        this.locale = "es".equals(locale.getLanguage()) ? Locale.of("es") : Locale.ENGLISH;
        this.bundle = ResourceBundle.getBundle("vaadin-i18n.translations", this.locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static CheckInTexts of(Locale locale) {
        return new CheckInTexts(locale);
    }

    /** The patient's language (issue 16) when the clinic recorded one; else these texts (the browser's language). */
    CheckInTexts forPatient(@org.jspecify.annotations.Nullable String language) {
        return language == null || language.isBlank() ? this : of(Locale.of(language));
    }

    Locale locale() {
        return locale;
    }

    String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
