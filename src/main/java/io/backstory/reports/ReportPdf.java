package io.backstory.reports;

import io.backstory.analytics.AnalysisNotes;
import io.backstory.analytics.AnalysisReport;
import io.backstory.analytics.FactorEffect;
import io.backstory.analytics.ModelTerm;
import io.backstory.analytics.ProportionEstimate;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    private ReportPdf() {
    }

    static byte[] render(String clinicName, RecurrenceReport report, ReportOptions options) {
        return render(clinicName, report, options, Locale.ENGLISH);
    }

    /** The report in the reader's language: every heading, sentence and number (issue 16). */
    static byte[] render(String clinicName, RecurrenceReport report, ReportOptions options, Locale locale) {
        ReportWords w = new ReportWords(locale);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 40, 40, 40, 40);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        // Charts stay where they are added; by default OpenPDF lets the text after a chart that does
        // not fit jump ahead of it, which separates a chart from its heading and table.
        writer.setStrictImageSequence(true);
        document.addTitle(w.get("pdf.title", clinicName));
        document.addCreator("Backstory");
        document.open();
        // The document's language, so a screen reader reads the PDF with the right voice.
        writer.getExtraCatalog().put(org.openpdf.text.pdf.PdfName.LANG, new org.openpdf.text.pdf.PdfString(w.locale().toLanguageTag()));
        document.add(new Paragraph(w.get("pdf.title", clinicName), TITLE));
        document.add(new Paragraph(describe(report, options, w), SMALL));
        AnalysisReport a = report.analysis();
        heading(document, w.get("report.verdict.question"));
        if (a == null) {
            document.add(new Paragraph(w.get("pdf.noEpisodes"), BODY));
            document.close();
            return out.toByteArray();
        }
        document.add(new Paragraph(w.get("report.verdict." + a.verdict().code().name()), HEADING));
        document.add(new Paragraph(a.verdict().sentence(w.locale()), BODY));
        if (!a.verdict().reasonWordings().isEmpty()) {
            document.add(new Paragraph(w.get("report.verdict.reasons"), SMALL_BOLD));
            for (String r : a.verdict().reasons(w.locale())) {
                document.add(new Paragraph("- " + r, BODY));
            }
        }
        document.add(new Paragraph(w.get("report.verdict.checks"), SMALL_BOLD));
        for (String line : VerdictFigures.lines(a, w.locale(), w::get)) {
            document.add(new Paragraph("- " + line, SMALL));
        }
        for (String caveat : a.verdict().warnings(w.locale())) {
            document.add(new Paragraph(w.get("pdf.caveat", caveat), SMALL));
        }
        for (String note : a.warnings()) {
            document.add(new Paragraph(w.get("pdf.note", AnalysisNotes.in(note, w.locale())), SMALL));
        }

        heading(document, w.get("pdf.kpis"));
        RecurrenceReport.Kpis k = report.kpis();
        PdfPTable kpis = table(new float[] {3, 2}, w.get("pdf.figure"), w.get("pdf.value"));
        row(kpis, w.get("pdf.kpi.active"), count(w, k.activeEpisodes()));
        row(kpis, w.get("pdf.kpi.discharged"), count(w, k.dischargedInPeriod()));
        row(kpis, w.get("pdf.kpi.completeness"), w.percent(k.followUpCompleteness()));
        row(kpis, w.get("pdf.kpi.recurrence", w.within(report.horizonDays())), w.rate(k.recurrence()));
        document.add(kpis);

        heading(document, w.get("pdf.byPlan", w.within(a.horizonDays())));
        PdfPTable rates = table(new float[] {3, 1, 1, 3}, w.get("report.chart.plan"), w.get("pdf.episodes"),
                w.get("table.recurred"), w.get("table.recurrenceCi"));
        rateRow(rates, w, w.get("pdf.group.isolated", a.isolatedMaxBreadth()), a.isolatedRate());
        rateRow(rates, w, w.get("report.group.multi"), a.multiRate());
        document.add(rates);
        document.add(new Paragraph(w.get("pdf.byPlan.tests", w.num(a.twoByTwo().rr()), w.num(a.twoByTwo().rrLower()),
                w.num(a.twoByTwo().rrUpper()), w.p(a.twoByTwo().fisherP()), w.p(a.trend().p()), w.p(a.logRank().p())), SMALL));

        PdfPTable breadth = table(new float[] {1, 1, 1, 3}, w.get("pdf.breadth"), w.get("pdf.episodes"),
                w.get("table.recurred"), w.get("table.recurrenceCi"));
        for (RecurrenceReport.BreadthRow b : report.breadth()) {
            breadth.addCell(cell(Integer.toString(b.breadth())));
            breadth.addCell(cell(count(w, b.episodes())));
            breadth.addCell(cell(count(w, b.rate().events())));
            breadth.addCell(cell(w.rate(b.rate())));
        }
        document.add(PdfCharts.breadthChart(writer, w, report.breadth(), a.isolatedMaxBreadth(), a.horizonDays()));
        document.add(breadth);

        chartSection(document, writer, w.get("pdf.km"), PdfCharts.kmChart(writer, w, a));
        chartSection(document, writer, w.get("pdf.cox"), PdfCharts.forestChart(writer, w, a.cox().terms()));
        PdfPTable cox = table(new float[] {3, 1, 2, 1}, w.get("table.term"), w.get("pdf.hr"), w.get("table.ci"), "p");
        for (ModelTerm t : a.cox().terms()) {
            cox.addCell(cell(termLabel(w, t.name())));
            cox.addCell(cell(w.num(t.ratio())));
            cox.addCell(cell(w.range(t.lower(), t.upper())));
            cox.addCell(cell(w.p(t.p())));
        }
        document.add(cox);
        document.add(new Paragraph(w.get("pdf.iptw",
                // no IPTW when it could not be fitted (one plan group): the figures then read as not available
                w.num(a.iptw() == null ? Double.NaN : a.iptw().hr()), w.num(a.iptw() == null ? Double.NaN : a.iptw().lower()),
                w.num(a.iptw() == null ? Double.NaN : a.iptw().upper()), w.num(a.eValue().point()), w.num(a.eValue().ci()),
                w.num(a.minDetectableHr())), SMALL));

        heading(document, w.get("pdf.factors"));
        PdfPTable factors = table(new float[] {2, 1, 2, 1, 1, 1}, w.get("table.factor"), w.get("pdf.hr"), w.get("table.ci"),
                "p", w.get("pdf.pBh"), w.get("table.omittedIn"));
        for (int i = 0; i < a.factors().size(); i++) {
            FactorEffect f = a.factors().get(i);
            factors.addCell(cell(termLabel(w, f.name())));
            factors.addCell(cell(w.num(f.hr())));
            factors.addCell(cell(w.range(f.lower(), f.upper())));
            factors.addCell(cell(w.p(f.p())));
            factors.addCell(cell(w.p(f.pBh())));
            factors.addCell(cell(i < report.omissions().size() ? w.percent(report.omissions().get(i).share()) : ""));
        }
        document.add(factors);

        String therapistsHeading = w.get("pdf.therapists");
        // No funnel without a clinic rate (no episode followed to the horizon): the table still lists everyone.
        if (report.funnel().isEmpty()) {
            heading(document, therapistsHeading);
        } else {
            chartSection(document, writer, therapistsHeading, PdfCharts.funnelChart(writer, w, report.funnel(), report.therapists(),
                    report.clinicRate(), report.horizonDays()));
        }
        PdfPTable therapists = table(new float[] {30, 12, 15, 16, 20, 18}, w.get("table.therapist"), w.get("pdf.episodes"),
                w.get("table.recurred"), w.get("table.recurrence"), w.get("table.avgBreadth"), w.get("table.variation"));
        for (RecurrenceReport.TherapistPoint t : report.therapists()) {
            therapists.addCell(cell(t.name()));
            therapists.addCell(cell(count(w, t.evaluable())));
            therapists.addCell(cell(count(w, t.events())));
            therapists.addCell(cell(w.percent(t.rate())));
            therapists.addCell(cell(w.num(t.averageBreadth())));
            therapists.addCell(cell(w.get(t.outside998() ? "pdf.outside998" : t.outside95() ? "pdf.outside95" : "pdf.expected")));
        }
        document.add(therapists);

        if (!report.followUpChannels().isEmpty()) {
            heading(document, w.get("report.channels.title"));
            PdfPTable channels = table(new float[] {2, 1, 1, 1, 1, 1, 1}, w.get("report.channels.group"),
                    w.get("report.channels.due"), w.get("report.channels.email"),
                    w.get("report.channels.call"), w.get("report.channels.newEpisode"),
                    w.get("report.channels.missing"), w.get("report.channels.complete"));
            for (RecurrenceReport.ChannelRow r : report.followUpChannels()) {
                row(channels, w.get("report.channels." + r.planGroup()), count(w, r.due()), count(w, r.email()),
                        count(w, r.call()), count(w, r.newEpisode()), count(w, r.missing()), w.percent(r.completeness()));
            }
            document.add(channels);
        }

        if (!a.warnings().isEmpty()) {
            heading(document, w.get("pdf.notes"));
            for (String note : a.warnings()) {
                document.add(new Paragraph("- " + AnalysisNotes.in(note, w.locale()), SMALL));
            }
        }
        document.add(new Paragraph(w.get("pdf.reproduce", "java -jar backstory.jar analyze dataset.csv --horizon "
                + a.horizonDays() + " --isolated-max-breadth " + a.isolatedMaxBreadth()), SMALL));
        document.close();
        return out.toByteArray();
    }

    private static String count(ReportWords w, long n) {
        return String.format(w.locale(), "%,d", n);
    }

    private static String describe(RecurrenceReport report, ReportOptions options, ReportWords w) {
        ReportFilter f = report.filter();
        List<String> parts = new ArrayList<>();
        String from = f.dischargedFrom() == null ? w.get("pdf.filter.fromStart") : w.get("pdf.filter.from", date(w, f.dischargedFrom()));
        String to = f.dischargedTo() == null ? w.get("pdf.filter.toDate") : w.get("pdf.filter.to", date(w, f.dischargedTo()));
        parts.add(w.get("pdf.filter.discharged", from, to));
        if (f.locationId() != null) {
            parts.add(w.get("pdf.filter.location", options.locations().stream().filter(o -> o.id() == f.locationId())
                    .map(ReportOptions.Option::name).findFirst().orElse("?")));
        }
        if (f.therapistId() != null) {
            parts.add(w.get("pdf.filter.therapist", options.therapists().stream().filter(o -> o.id() == f.therapistId())
                    .map(ReportOptions.Option::name).findFirst().orElse("?")));
        }
        if (f.chronicity() != null) {
            parts.add(w.get("pdf.filter.chronicity." + f.chronicity().name()));
        }
        if (f.startBack() != null) {
            parts.add(w.get("pdf.filter.startback." + f.startBack().name()));
        }
        parts.add(w.get("pdf.filter.horizon", report.horizonDays()));
        parts.add(w.get("pdf.filter.computed", java.time.format.DateTimeFormatter.ofLocalizedDateTime(
                java.time.format.FormatStyle.MEDIUM).withLocale(w.locale()).withZone(java.time.ZoneOffset.UTC)
                .format(report.computedAt())));
        return String.join(" - ", parts);
    }

    private static String date(ReportWords w, java.time.LocalDate d) {
        return java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
                .withLocale(w.locale()).format(d);
    }

    /**
     * A model term in the dashboard's words ("Sex: male (vs female)", not "sex[M]"): the PDF reads the labels
     * the views use from the same translation file, so the two never disagree.
     */
    static String termLabel(ReportWords w, String term) {
        String key = "term." + term;
        return w.has(key) ? w.get(key) : term;
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

    private static void rateRow(PdfPTable table, ReportWords w, String label, ProportionEstimate r) {
        row(table, label, count(w, r.n()), count(w, r.events()), w.rate(r));
    }

    private static PdfPCell cell(String text) {
        return new PdfPCell(new Phrase(text, SMALL));
    }
}
