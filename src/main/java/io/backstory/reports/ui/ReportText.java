package io.backstory.reports.ui;

import io.backstory.base.ui.Formats;
import io.backstory.analytics.ProportionEstimate;

/** Numbers as a clinic owner reads them: percentages, "1 in 3", ratios with two decimals. */
final class ReportText {

    private ReportText() {
    }

    static String percent(double v) {
        return Double.isFinite(v) ? String.format(Formats.locale(), "%.0f %%", v * 100) : na();
    }

    static String ratio(double v) {
        return Double.isFinite(v) ? String.format(Formats.locale(), "%.2f", v) : na();
    }

    static String p(double v) {
        return !Double.isFinite(v) ? na() : v < 0.001 ? "< " + String.format(Formats.locale(), "%.3f", 0.001)
                : String.format(Formats.locale(), "%.3f", v);
    }

    static String rateWithCi(ProportionEstimate r) {
        return r.n() == 0 ? na() : Charts.t("pdf.rateCi", percent(r.rate()), percent(r.lower()), percent(r.upper()));
    }

    /** "1 in 3" below one half, "6 in 10" above: the form patients and owners grasp at once. */
    static String oneIn(double rate) {
        if (!Double.isFinite(rate)) {
            return na();
        }
        if (rate <= 0) {
            return Charts.t("report.oneIn.none");
        }
        if (rate < 0.5) {
            return Charts.t("report.oneIn", Long.toString(Math.max(2, Math.round(1 / rate))));
        }
        return tenths(rate);
    }

    /** Two rates in the same form, so "1 in 3" is never set against "5 in 10". */
    static String[] oneInPair(double a, double b) {
        if (Double.isFinite(a) && Double.isFinite(b) && a > 0 && b > 0 && a < 0.5 && b < 0.5) {
            return new String[] {oneIn(a), oneIn(b)};
        }
        return new String[] {tenths(a), tenths(b)};
    }

    private static String tenths(double rate) {
        return Double.isFinite(rate) ? Charts.t("report.inTen", Long.toString(Math.round(rate * 10))) : na();
    }

    /** "within a year" for 365 days, else "within N days", in the reader's language. */
    static String within(int days) {
        return days == 365 ? Charts.t("report.within.year") : days == 730 ? Charts.t("report.within.twoYears")
                : Charts.t("report.within.days", days);
    }

    private static String na() {
        return Charts.t("pdf.na");
    }
}
