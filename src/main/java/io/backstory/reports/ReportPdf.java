package io.backstory.reports;

import io.backstory.analytics.AnalysisReport;
import io.backstory.analytics.FactorEffect;
import io.backstory.analytics.ModelTerm;
import io.backstory.analytics.ProportionEstimate;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.openpdf.text.Document;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/**
 * The recurrence report as a printable PDF (OpenPDF): the verdict first, then the key tables with
 * their charts ({@link PdfCharts}: recurrence by breadth, Kaplan-Meier curves, forest plot, therapist
 * funnel plot) drawn as vector graphics. Numbers only, no patient data.
 */
final class ReportPdf {

    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 18);
    private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 10);
    private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 8);
    private static final Font SMALL_BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8);
    private static final ResourceBundle TERMS = ResourceBundle.getBundle("vaadin-i18n/translations", Locale.ENGLISH);

    private ReportPdf() {
    }

    static byte[] render(String clinicName, RecurrenceReport report, ReportOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 40, 40, 40, 40);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        // Charts stay where they are added; by default OpenPDF lets the text after a chart that does
        // not fit jump ahead of it, which separates a chart from its heading and table.
        writer.setStrictImageSequence(true);
        document.addTitle("Recurrence report - " + clinicName);
        document.addCreator("Backstory");
        document.open();
        document.add(new Paragraph("Recurrence report: " + clinicName, TITLE));
        document.add(new Paragraph(describe(report, options), SMALL));
        AnalysisReport a = report.analysis();
        heading(document, "Do multi-factor plans go with fewer recurrences here?");
        if (a == null) {
            document.add(new Paragraph("No discharged episodes match this filter, so there is nothing to analyse.", BODY));
            document.close();
            return out.toByteArray();
        }
        document.add(new Paragraph(TERMS.getString("report.verdict." + a.verdict().code().name()), HEADING));
        document.add(new Paragraph(a.verdict().sentence(), BODY));
        if (!a.verdict().reasons().isEmpty()) {
            document.add(new Paragraph(TERMS.getString("report.verdict.reasons"), SMALL_BOLD));
            for (String r : a.verdict().reasons()) {
                document.add(new Paragraph("- " + r, BODY));
            }
        }
        document.add(new Paragraph(TERMS.getString("report.verdict.checks"), SMALL_BOLD));
        for (String line : VerdictFigures.lines(a, (key, params) -> java.text.MessageFormat.format(TERMS.getString(key), params))) {
            document.add(new Paragraph("- " + line, SMALL));
        }
        for (String w : a.verdict().warnings()) {
            document.add(new Paragraph("Caveat: " + w, SMALL));
        }
        for (String w : a.warnings()) {
            document.add(new Paragraph("Note: " + w, SMALL));
        }

        heading(document, "Key figures");
        RecurrenceReport.Kpis k = report.kpis();
        PdfPTable kpis = table(new float[] {3, 2}, "Figure", "Value");
        row(kpis, "Episodes still in care", Integer.toString(k.activeEpisodes()));
        row(kpis, "Discharged episodes in the report", Integer.toString(k.dischargedInPeriod()));
        row(kpis, "Follow-up completeness", percent(k.followUpCompleteness()));
        row(kpis, "Recurrence within " + report.horizonDays() + " days (95 % CI)", rate(k.recurrence()));
        document.add(kpis);

        heading(document, "Recurrence by plan (within " + a.horizonDays() + " days)");
        PdfPTable rates = table(new float[] {3, 1, 1, 3}, "Plan", "Episodes", "Recurred", "Recurrence (95 % CI)");
        rateRow(rates, "Isolated (" + a.isolatedMaxBreadth() + " factor" + (a.isolatedMaxBreadth() == 1 ? "" : "s") + " or fewer)", a.isolatedRate());
        rateRow(rates, "Multi-factor", a.multiRate());
        document.add(rates);
        document.add(new Paragraph(String.format(Locale.ENGLISH,
                "Risk ratio %s (95 %% CI %s to %s); Fisher exact p %s; trend across breadth 0-5 p %s; log-rank p %s.",
                num(a.twoByTwo().rr()), num(a.twoByTwo().rrLower()), num(a.twoByTwo().rrUpper()), p(a.twoByTwo().fisherP()),
                p(a.trend().p()), p(a.logRank().p())), SMALL));

        PdfPTable breadth = table(new float[] {1, 1, 1, 3}, "Breadth", "Episodes", "Recurred", "Recurrence (95 % CI)");
        for (RecurrenceReport.BreadthRow b : report.breadth()) {
            breadth.addCell(cell(Integer.toString(b.breadth())));
            breadth.addCell(cell(Integer.toString(b.episodes())));
            breadth.addCell(cell(Integer.toString(b.rate().events())));
            breadth.addCell(cell(rate(b.rate())));
        }
        document.add(PdfCharts.breadthChart(writer, report.breadth(), a.isolatedMaxBreadth(), a.horizonDays()));
        document.add(breadth);

        chartSection(document, writer, "Time to recurrence (Kaplan-Meier, with 95 % bands)", PdfCharts.kmChart(writer, a));
        chartSection(document, writer, "Adjusted hazard ratios (Cox model, Efron ties)", PdfCharts.forestChart(writer, a.cox().terms()));
        PdfPTable cox = table(new float[] {3, 1, 2, 1}, "Term", "HR", "95 % CI", "p");
        for (ModelTerm t : a.cox().terms()) {
            cox.addCell(cell(termLabel(t.name())));
            cox.addCell(cell(num(t.ratio())));
            cox.addCell(cell(num(t.lower()) + " to " + num(t.upper())));
            cox.addCell(cell(p(t.p())));
        }
        document.add(cox);
        document.add(new Paragraph(String.format(Locale.ENGLISH,
                "Propensity-weighted (IPTW) HR %s (95 %% CI %s to %s). E-value %s (CI %s). Smallest HR detectable with 80 %% power: %s.",
                // no IPTW when it could not be fitted (one plan group): the figures then read as not available
                num(a.iptw() == null ? Double.NaN : a.iptw().hr()), num(a.iptw() == null ? Double.NaN : a.iptw().lower()),
                num(a.iptw() == null ? Double.NaN : a.iptw().upper()), num(a.eValue().point()), num(a.eValue().ci()),
                num(a.minDetectableHr())), SMALL));

        heading(document, "Each factor on its own (adjusted, Benjamini-Hochberg p)");
        PdfPTable factors = table(new float[] {2, 1, 2, 1, 1, 1}, "Factor", "HR", "95 % CI", "p", "BH p", "Omitted in");
        for (int i = 0; i < a.factors().size(); i++) {
            FactorEffect f = a.factors().get(i);
            factors.addCell(cell(termLabel(f.name())));
            factors.addCell(cell(num(f.hr())));
            factors.addCell(cell(num(f.lower()) + " to " + num(f.upper())));
            factors.addCell(cell(p(f.p())));
            factors.addCell(cell(p(f.pBh())));
            factors.addCell(cell(i < report.omissions().size() ? percent(report.omissions().get(i).share()) : ""));
        }
        document.add(factors);

        String therapistsHeading = "Therapists (funnel-plot view: within or outside the expected variation)";
        // No funnel without a clinic rate (no episode followed to the horizon): the table still lists everyone.
        if (report.funnel().isEmpty()) {
            heading(document, therapistsHeading);
        } else {
            chartSection(document, writer, therapistsHeading, PdfCharts.funnelChart(writer, report.funnel(), report.therapists(),
                    report.clinicRate(), report.horizonDays()));
        }
        PdfPTable therapists = table(new float[] {3, 1, 1, 2, 2, 2}, "Therapist", "Episodes", "Recurred", "Recurrence",
                "Avg. breadth", "Variation");
        for (RecurrenceReport.TherapistPoint t : report.therapists()) {
            therapists.addCell(cell(t.name()));
            therapists.addCell(cell(Integer.toString(t.evaluable())));
            therapists.addCell(cell(Integer.toString(t.events())));
            therapists.addCell(cell(percent(t.rate())));
            therapists.addCell(cell(num(t.averageBreadth())));
            therapists.addCell(cell(t.outside998() ? "outside 99.8 %" : t.outside95() ? "outside 95 %" : "expected"));
        }
        document.add(therapists);

        if (!report.followUpChannels().isEmpty()) {
            heading(document, TERMS.getString("report.channels.title"));
            PdfPTable channels = table(new float[] {2, 1, 1, 1, 1, 1, 1}, TERMS.getString("report.channels.group"),
                    TERMS.getString("report.channels.due"), TERMS.getString("report.channels.email"),
                    TERMS.getString("report.channels.call"), TERMS.getString("report.channels.newEpisode"),
                    TERMS.getString("report.channels.missing"), TERMS.getString("report.channels.complete"));
            for (RecurrenceReport.ChannelRow r : report.followUpChannels()) {
                row(channels, TERMS.getString("report.channels." + r.planGroup()), String.valueOf(r.due()), String.valueOf(r.email()),
                        String.valueOf(r.call()), String.valueOf(r.newEpisode()), String.valueOf(r.missing()), percent(r.completeness()));
            }
            document.add(channels);
        }

        if (!a.warnings().isEmpty()) {
            heading(document, "Data-quality notes");
            for (String w : a.warnings()) {
                document.add(new Paragraph("- " + w, SMALL));
            }
        }
        document.add(new Paragraph("Reproduce these numbers: export the analysis dataset (CSV) and run "
                + "java -jar backstory.jar analyze dataset.csv --horizon " + a.horizonDays() + " --isolated-max-breadth "
                + a.isolatedMaxBreadth() + ".", SMALL));
        document.close();
        return out.toByteArray();
    }

    private static String describe(RecurrenceReport report, ReportOptions options) {
        ReportFilter f = report.filter();
        List<String> parts = new ArrayList<>();
        parts.add("Discharged " + (f.dischargedFrom() == null ? "from the start" : "from " + f.dischargedFrom())
                + (f.dischargedTo() == null ? " to date" : " to " + f.dischargedTo()));
        if (f.locationId() != null) {
            parts.add("location " + options.locations().stream().filter(o -> o.id() == f.locationId()).map(ReportOptions.Option::name).findFirst().orElse("?"));
        }
        if (f.therapistId() != null) {
            parts.add("therapist " + options.therapists().stream().filter(o -> o.id() == f.therapistId()).map(ReportOptions.Option::name).findFirst().orElse("?"));
        }
        if (f.chronicity() != null) {
            parts.add(f.chronicity().name().toLowerCase(Locale.ROOT) + " pain");
        }
        if (f.startBack() != null) {
            parts.add("STarT Back " + f.startBack().name().toLowerCase(Locale.ROOT) + " risk");
        }
        parts.add("horizon " + report.horizonDays() + " days");
        parts.add("computed " + report.computedAt());
        return String.join(" · ".replace("·", "-"), parts);
    }

    /** "f_movement" -> "Movement", as the dashboard labels the factors. */
    /**
     * A model term in the dashboard's words ("Sex: male (vs female)", not "sex[M]"): the PDF reads the labels
     * the views use from the same translation file, so the two never disagree.
     */
    static String termLabel(String term) {
        String key = "term." + term;
        return TERMS.containsKey(key) ? TERMS.getString(key) : term;
    }

    /** A heading and its chart on one page: a heading alone at the foot of a page reads as a missing chart. */
    private static void chartSection(Document d, PdfWriter writer, String text, Image chart) {
        if (writer.getVerticalPosition(true) - d.bottom() < chart.getScaledHeight() + 40) {
            d.newPage();
        }
        heading(d, text);
        d.add(chart);
    }

    private static void heading(Document d, String text) {
        Paragraph p = new Paragraph(text, HEADING);
        p.setSpacingBefore(12);
        p.setSpacingAfter(4);
        d.add(p);
    }

    private static PdfPTable table(float[] widths, String... headers) {
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        table.setSpacingAfter(4);
        for (String h : headers) {
            PdfPCell c = new PdfPCell(new Phrase(h, SMALL_BOLD));
            c.setBackgroundColor(new Color(0xEE, 0xF2, 0xF5));
            table.addCell(c);
        }
        table.setHeaderRows(1);
        return table;
    }

    private static void row(PdfPTable table, String... values) {
        for (String v : values) {
            table.addCell(cell(v));
        }
    }

    private static void rateRow(PdfPTable table, String label, ProportionEstimate r) {
        row(table, label, Integer.toString(r.n()), Integer.toString(r.events()), rate(r));
    }

    private static PdfPCell cell(String text) {
        return new PdfPCell(new Phrase(text, SMALL));
    }

    static String rate(ProportionEstimate r) {
        return r.n() == 0 ? "n/a" : percent(r.rate()) + " (" + percent(r.lower()) + " to " + percent(r.upper()) + ")";
    }

    static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ENGLISH, "%.0f %%", v * 100) : "n/a";
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ENGLISH, "%.2f", v) : "n/a";
    }

    static String p(double v) {
        return !Double.isFinite(v) ? "n/a" : v < 0.001 ? "< 0.001" : String.format(Locale.ENGLISH, "%.3f", v);
    }
}
