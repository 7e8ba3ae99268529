package io.backstory.reports.ui;

import io.backstory.base.ui.Formats;
import io.backstory.analytics.ProportionEstimate;
import java.util.Locale;

/** Numbers as a clinic owner reads them: percentages, "1 in 3", ratios with two decimals. */
final class ReportText {

    private ReportText() {
    }

    static String percent(double v) {
        return Double.isFinite(v) ? String.format(Formats.locale(), "%.0f %%", v * 100) : "n/a";
    }

    static String ratio(double v) {
        return Double.isFinite(v) ? String.format(Formats.locale(), "%.2f", v) : "n/a";
    }

    static String p(double v) {
        return !Double.isFinite(v) ? "n/a" : v < 0.001 ? "< 0.001" : String.format(Formats.locale(), "%.3f", v);
    }

    static String rateWithCi(ProportionEstimate r) {
        return r.n() == 0 ? "n/a" : percent(r.rate()) + " (95 % CI " + percent(r.lower()) + " to " + percent(r.upper()) + ")";
    }

    /** "1 in 3" below one half, "6 in 10" above: the form patients and owners grasp at once. */
    static String oneIn(double rate) {
        if (!Double.isFinite(rate)) {
            return "n/a";
        }
        if (rate <= 0) {
            return "none";
        }
        if (rate < 0.5) {
            return "1 in " + Math.max(2, Math.round(1 / rate));
        }
        return Math.round(rate * 10) + " in 10";
    }

    /** Two rates in the same form, so "1 in 3" is never set against "5 in 10". */
    static String[] oneInPair(double a, double b) {
        if (Double.isFinite(a) && Double.isFinite(b) && a > 0 && b > 0 && a < 0.5 && b < 0.5) {
            return new String[] {oneIn(a), oneIn(b)};
        }
        return new String[] {tenths(a), tenths(b)};
    }

    private static String tenths(double rate) {
        return Double.isFinite(rate) ? Math.round(rate * 10) + " in 10" : "n/a";
    }

    /** "within a year" for 365 days, else "within N days". */
    static String within(int days) {
        return days == 365 ? "within a year" : days == 730 ? "within two years" : "within " + days + " days";
    }
}
