package io.backstory.reports.ui;

import io.backstory.base.ui.Formats;
import io.backstory.analytics.ProportionEstimate;
import io.backstory.reports.ReportWords;

/** Numbers as a clinic owner reads them: "1 in 3" here; percentages and ratios as {@link ReportWords} (the PDF's) writes them. */
final class ReportText {

    private ReportText() {
    }

    /** The words and number formats the PDF uses, in the reader's language. */
    static ReportWords words() {
        return new ReportWords(Formats.locale());
    }

    static String percent(double v) {
        return words().percent(v);
    }

    static String ratio(double v) {
        return words().num(v);
    }

    static String p(double v) {
        return words().p(v);
    }

    static String rateWithCi(ProportionEstimate r) {
        return words().rate(r);
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
        return words().within(days);
    }

    private static String na() {
        return Charts.t("pdf.na");
    }
}
