package io.backstory.reports;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The report's words and numbers in the reader's language (issue 16), for the PDF and the report views alike
 * (docs/style.md rule 8: one number format): the translations file read with {@link ResourceBundle}, since a
 * download is rendered outside a Vaadin UI, and numbers with the language's decimal mark ("0,85" in Spanish).
 * {@link MessageFormat} as Vaadin's {@code getTranslation} uses it, so a pattern reads the same on the page and
 * in the PDF.
 */
public final class ReportWords {

    private final Locale locale;
    private final ResourceBundle bundle;

    public ReportWords(Locale locale) {
        this.locale = Locale.of(locale.getLanguage());
        this.bundle = ResourceBundle.getBundle("vaadin-i18n/translations", this.locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public Locale locale() {
        return locale;
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    public String get(String key, Object... params) {
        String pattern = bundle.getString(key);
        return params.length == 0 ? pattern : new MessageFormat(pattern, locale).format(params);
    }

    public String num(double v) {
        return Double.isFinite(v) ? String.format(locale, "%.2f", v) : get("pdf.na");
    }

    public String percent(double share) {
        return Double.isFinite(share) ? String.format(locale, "%.0f %%", share * 100) : get("pdf.na");
    }

    public String p(double v) {
        return !Double.isFinite(v) ? get("pdf.na") : v < 0.001 ? "< " + String.format(locale, "%.3f", 0.001)
                : String.format(locale, "%.3f", v);
    }

    /** "12 %" to "18 %" as "12 % (8 % to 17 %)", the interval worded in the language. */
    public String rate(io.backstory.analytics.ProportionEstimate r) {
        return r.n() == 0 ? get("pdf.na") : get("pdf.rateCi", percent(r.rate()), percent(r.lower()), percent(r.upper()));
    }

    public String range(double lower, double upper) {
        return get("pdf.range", num(lower), num(upper));
    }

    /** A ratio axis tick: whole numbers from 1 up ("2", not "2.00"), two decimals below ("0,25" in Spanish). */
    public String tick(double v) {
        return String.format(locale, v >= 1 ? "%.0f" : "%.2f", v);
    }

    /** "within a year", "within 180 days": the horizon as the views word it. */
    public String within(int days) {
        return days == 365 ? get("report.within.year") : days == 730 ? get("report.within.twoYears")
                : get("report.within.days", days);
    }
}
