package io.backstory.reports;

import io.backstory.analytics.AnalysisReport;
import io.backstory.analytics.BalanceTable;
import io.backstory.analytics.ModelTerm;
import io.backstory.analytics.PhTestTerm;
import io.backstory.analytics.ProportionEstimate;
import io.backstory.analytics.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures behind the verdict, one line per check of the verdict rule (issue 10, item 8), worded by the
 * translations file: the dashboard's verdict card and the PDF print exactly these lines, so both show the same
 * evidence next to the same verdict and reasons.
 */
public final class VerdictFigures {

    /** A translated text with its parameters (Vaadin's {@code getTranslation}, or the bundle for the PDF). */
    @FunctionalInterface
    public interface Text {
        String get(String key, Object... params);
    }

    private VerdictFigures() {
    }

    /** Every line for this analysis. */
    public static List<String> lines(AnalysisReport a, Locale locale, Text text) {
        return new VerdictFigures.Writer(locale, text).lines(a);
    }

    /** The numbers in the reader's language: decimal comma and "no disponible" in Spanish. */
    private record Writer(Locale locale, Text text) {

        List<String> lines(AnalysisReport a) {
            List<String> lines = new ArrayList<>();
            lines.add(text.get("report.verdict.rates", rateWithCi(a.isolatedRate()), a.isolatedRate().n(),
                    rateWithCi(a.multiRate()), a.multiRate().n()));
            ModelTerm hr = a.adjustedEffect();
            if (a.therapists() >= 2) {
                lines.add(text.get("report.verdict.primary", ratio(hr.ratio()), ratio(hr.lower()), ratio(hr.upper()),
                        a.therapists()));
                ModelTerm plain = a.plainEffect();
                lines.add(text.get("report.verdict.hr", ratio(plain.ratio()), ratio(plain.lower()), ratio(plain.upper())));
            } else {
                lines.add(text.get("report.verdict.hr", ratio(hr.ratio()), ratio(hr.lower()), ratio(hr.upper())));
            }
            ModelTerm visits = a.coxWithVisits().terms().stream().filter(t -> t.name().equals("multifactor")).findFirst().orElse(null);
            if (visits != null) {
                lines.add(text.get("report.verdict.visits", ratio(visits.ratio()), ratio(visits.lower()), ratio(visits.upper()),
                        a.visitsChange() == null ? na() : String.format(locale, "%+.0f %%", a.visitsChange().percent())));
            }
            if (a.iptw() != null) {
                lines.add(text.get("report.verdict.iptw", ratio(a.iptw().hr()), ratio(a.iptw().lower()), ratio(a.iptw().upper())));
                lines.add(text.get("report.verdict.balance", ratio(a.iptw().balance().maxAbsSmdBefore()),
                        ratio(a.iptw().balance().maxAbsSmdAfter()), ratio(BalanceTable.THRESHOLD),
                        String.format(locale, "%,.0f", a.iptw().essUntreated()),
                        String.format(locale, "%,.0f", a.iptw().essTreated())));
            }
            if (a.loss() != null) {
                lines.add(text.get("report.verdict.completeness", percent(a.loss().isolated().completeness()),
                        percent(a.loss().multi().completeness()), percent(Verdict.MAX_COMPLETENESS_GAP)));
            }
            if (a.ipcw() != null && a.ipcw().outcomeModel() != null) {
                ModelTerm c = a.ipcw().outcomeModel().terms().stream().filter(t -> t.name().equals("multifactor")).findFirst().orElse(null);
                if (c != null) {
                    lines.add(text.get("report.verdict.ipcw", ratio(c.ratio()), ratio(c.lower()), ratio(c.upper())));
                }
            }
            if (a.primary().phTest() != null) {
                double plan = a.primary().phTest().terms().stream().filter(t -> t.name().equals("multifactor"))
                        .mapToDouble(PhTestTerm::p).findFirst().orElse(Double.NaN);
                lines.add(text.get("report.verdict.ph", p(plan), p(a.primary().phTest().global().p()),
                        ratio(Verdict.PH_ALPHA)));
            }
            if (a.piecewise() != null) {
                lines.add(text.get("report.verdict.piecewise", String.format(locale, "%.0f", a.piecewise().cuts().getFirst()),
                        ratio(a.piecewise().before().ratio()), ratio(a.piecewise().before().lower()), ratio(a.piecewise().before().upper()),
                        ratio(a.piecewise().after().ratio()), ratio(a.piecewise().after().lower()), ratio(a.piecewise().after().upper())));
            }
            if (a.riskDifference() != null) {
                lines.add(text.get("report.verdict.riskDifference", within(a.horizonDays()),
                        points(a.riskDifference().difference()), points(a.riskDifference().lower()), points(a.riskDifference().upper())));
            }
            if (a.persistentPain() != null) {
                lines.add(text.get("report.verdict.persistent", percent(a.persistentPain().isolated().rate()),
                        percent(a.persistentPain().multi().rate())));
                if (a.composite() != null) {
                    ModelTerm c = a.composite().terms().stream().filter(t -> t.name().equals("multifactor")).findFirst().orElse(null);
                    if (c != null) {
                        lines.add(text.get("report.verdict.composite", ratio(c.ratio()), ratio(c.lower()), ratio(c.upper())));
                    }
                }
            }
            lines.add(text.get("report.verdict.evalue", ratio(a.eValue().point())));
            lines.add(text.get("report.verdict.mdhr", ratio(a.minDetectableHr()), a.primary().events()));
            return lines;
        }

        private String na() {
            return text.get("pdf.na");
        }

        private String points(double share) {
            return Double.isFinite(share) ? String.format(locale, "%+.1f %%", 100 * share) : na();
        }

        private String percent(double v) {
            return Double.isFinite(v) ? String.format(locale, "%.0f %%", v * 100) : na();
        }

        private String ratio(double v) {
            return Double.isFinite(v) ? String.format(locale, "%.2f", v) : na();
        }

        private String p(double v) {
            return !Double.isFinite(v) ? na() : v < 0.001 ? "< " + String.format(locale, "%.3f", 0.001) : String.format(locale, "%.3f", v);
        }

        private String rateWithCi(ProportionEstimate r) {
            return r.n() == 0 ? na() : text.get("pdf.rateCi", percent(r.rate()), percent(r.lower()), percent(r.upper()));
        }

        private String within(int days) {
            return days == 365 ? text.get("report.within.year") : days == 730 ? text.get("report.within.twoYears")
                    : text.get("report.within.days", days);
        }
    }
}
