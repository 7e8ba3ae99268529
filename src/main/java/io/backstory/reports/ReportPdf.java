package io.backstory.reports;

import io.backstory.analytics.AnalysisReport;
import io.backstory.analytics.FactorEffect;
import io.backstory.analytics.ModelTerm;
import io.backstory.analytics.ProportionEstimate;
import io.backstory.analytics.SurvivalCurve;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

/**
 * The recurrence report as a printable PDF (OpenPDF): the verdict first, then the key tables, the
 * Kaplan-Meier curves and the forest plot drawn as vector graphics. Numbers only, no patient data.
 */
final class ReportPdf {

    private static final Color ISOLATED = new Color(0xC2, 0x5B, 0x2A);
    private static final Color MULTI = new Color(0x1F, 0x6F, 0x8B);
    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 18);
    private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 10);
    private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 8);
    private static final Font SMALL_BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8);

    private ReportPdf() {
    }

    static byte[] render(String clinicName, RecurrenceReport report, ReportOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 40, 40, 40, 40);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        document.addTitle("Recurrence report - " + clinicName);
        document.addCreator("Backstory");
        document.open();
        document.add(new Paragraph("Recurrence report: " + clinicName, TITLE));
        document.add(new Paragraph(describe(report, options), SMALL));
        AnalysisReport a = report.analysis();
        heading(document, "Do multi-factor plans reduce recurrence here?");
        if (a == null) {
            document.add(new Paragraph("No discharged episodes match this filter, so there is nothing to analyse.", BODY));
            document.close();
            return out.toByteArray();
        }
        document.add(new Paragraph(a.verdict().sentence(), BODY));
        for (String w : a.verdict().warnings()) {
            document.add(new Paragraph("Caveat: " + w, SMALL));
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
        document.add(breadth);

        heading(document, "Time to recurrence (Kaplan-Meier, with 95 % bands)");
        document.add(kmChart(writer, a));

        heading(document, "Adjusted hazard ratios (Cox model, Efron ties)");
        document.add(forestChart(writer, a.cox().terms()));
        PdfPTable cox = table(new float[] {3, 1, 2, 1}, "Term", "HR", "95 % CI", "p");
        for (ModelTerm t : a.cox().terms()) {
            cox.addCell(cell(t.name()));
            cox.addCell(cell(num(t.ratio())));
            cox.addCell(cell(num(t.lower()) + " to " + num(t.upper())));
            cox.addCell(cell(p(t.p())));
        }
        document.add(cox);
        document.add(new Paragraph(String.format(Locale.ENGLISH,
                "Propensity-weighted (IPTW) HR %s (95 %% CI %s to %s). E-value %s (CI %s). Smallest HR detectable with 80 %% power: %s.",
                num(a.iptw().hr()), num(a.iptw().lower()), num(a.iptw().upper()), num(a.eValue().point()), num(a.eValue().ci()),
                num(a.minDetectableHr())), SMALL));

        heading(document, "Each factor on its own (adjusted, Benjamini-Hochberg p)");
        PdfPTable factors = table(new float[] {2, 1, 2, 1, 1, 1}, "Factor", "HR", "95 % CI", "p", "BH p", "Omitted in");
        for (int i = 0; i < a.factors().size(); i++) {
            FactorEffect f = a.factors().get(i);
            factors.addCell(cell(factorLabel(f.name())));
            factors.addCell(cell(num(f.hr())));
            factors.addCell(cell(num(f.lower()) + " to " + num(f.upper())));
            factors.addCell(cell(p(f.p())));
            factors.addCell(cell(p(f.pBh())));
            factors.addCell(cell(i < report.omissions().size() ? percent(report.omissions().get(i).share()) : ""));
        }
        document.add(factors);

        heading(document, "Therapists (funnel-plot view: within or outside the expected variation)");
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

    private static Image kmChart(PdfWriter writer, AnalysisReport a) {
        float w = 500;
        float h = 200;
        float left = 40;
        float bottom = 30;
        float pw = w - left - 110;
        float ph = h - bottom - 10;
        double maxT = a.horizonDays();
        PdfContentByte cb = writer.getDirectContent();
        PdfTemplate t = cb.createTemplate(w, h);
        BaseFont font = font();
        axes(t, font, left, bottom, pw, ph);
        for (int i = 0; i <= 4; i++) {
            float y = bottom + ph * i / 4f;
            label(t, font, String.format(Locale.ENGLISH, "%d %%", i * 25), left - 4, y - 3, Element.ALIGN_RIGHT);
        }
        for (int d = 0; d <= maxT; d += Math.max(30, (int) (maxT / 6) / 30 * 30)) {
            label(t, font, Integer.toString(d), left + (float) (pw * d / maxT), bottom - 12, Element.ALIGN_CENTER);
        }
        label(t, font, "days since discharge; y = share still free of recurrence", left + pw / 2, 2, Element.ALIGN_CENTER);
        curve(t, a.kmIsolated(), ISOLATED, left, bottom, pw, ph, maxT);
        curve(t, a.kmMulti(), MULTI, left, bottom, pw, ph, maxT);
        legend(t, font, ISOLATED, "Isolated plans", left + pw + 10, bottom + ph - 10);
        legend(t, font, MULTI, "Multi-factor plans", left + pw + 10, bottom + ph - 26);
        return image(t);
    }

    private static void curve(PdfTemplate t, SurvivalCurve c, Color color, float left, float bottom, float pw, float ph, double maxT) {
        if (c.time().length == 0) {
            return;
        }
        // 95 % band as a light filled step polygon, then the step curve on top.
        t.saveState();
        t.setColorFill(new Color(color.getRed(), color.getGreen(), color.getBlue(), 40));
        t.setGState(alpha(0.18f));
        List<float[]> upper = new ArrayList<>();
        List<float[]> lower = new ArrayList<>();
        double prevU = 1;
        double prevL = 1;
        double prevT = 0;
        for (int i = 0; i < c.time().length && c.time()[i] <= maxT; i++) {
            double u = Double.isNaN(c.upper()[i]) ? prevU : c.upper()[i];
            double l = Double.isNaN(c.lower()[i]) ? prevL : c.lower()[i];
            upper.add(pt(prevT, prevU, left, bottom, pw, ph, maxT));
            upper.add(pt(c.time()[i], prevU, left, bottom, pw, ph, maxT));
            lower.add(pt(prevT, prevL, left, bottom, pw, ph, maxT));
            lower.add(pt(c.time()[i], prevL, left, bottom, pw, ph, maxT));
            prevU = u;
            prevL = l;
            prevT = c.time()[i];
        }
        upper.add(pt(prevT, prevU, left, bottom, pw, ph, maxT));
        upper.add(pt(maxT, prevU, left, bottom, pw, ph, maxT));
        lower.add(pt(prevT, prevL, left, bottom, pw, ph, maxT));
        lower.add(pt(maxT, prevL, left, bottom, pw, ph, maxT));
        t.moveTo(upper.getFirst()[0], upper.getFirst()[1]);
        for (float[] p : upper) {
            t.lineTo(p[0], p[1]);
        }
        for (int i = lower.size() - 1; i >= 0; i--) {
            t.lineTo(lower.get(i)[0], lower.get(i)[1]);
        }
        t.closePath();
        t.fill();
        t.restoreState();

        t.setColorStroke(color);
        t.setLineWidth(1.5f);
        double s = 1;
        double prev = 0;
        float[] start = pt(0, 1, left, bottom, pw, ph, maxT);
        t.moveTo(start[0], start[1]);
        for (int i = 0; i < c.time().length && c.time()[i] <= maxT; i++) {
            float[] a = pt(c.time()[i], s, left, bottom, pw, ph, maxT);
            t.lineTo(a[0], a[1]);
            s = c.surv()[i];
            float[] b = pt(c.time()[i], s, left, bottom, pw, ph, maxT);
            t.lineTo(b[0], b[1]);
            prev = c.time()[i];
        }
        float[] end = pt(Math.max(prev, maxT), s, left, bottom, pw, ph, maxT);
        t.lineTo(end[0], end[1]);
        t.stroke();
    }

    private static Image forestChart(PdfWriter writer, List<ModelTerm> terms) {
        float rowH = 14;
        float w = 500;
        float h = 30 + rowH * terms.size();
        float left = 150;
        float pw = w - left - 20;
        float bottom = 22;
        double lo = Math.log(0.25);
        double hi = Math.log(4);
        PdfContentByte cb = writer.getDirectContent();
        PdfTemplate t = cb.createTemplate(w, h);
        BaseFont font = font();
        t.setColorStroke(Color.GRAY);
        t.setLineWidth(0.5f);
        t.moveTo(left, bottom);
        t.lineTo(left + pw, bottom);
        t.stroke();
        for (double tick : new double[] {0.25, 0.5, 1, 2, 4}) {
            float x = left + (float) ((Math.log(tick) - lo) / (hi - lo) * pw);
            label(t, font, num(tick), x, bottom - 12, Element.ALIGN_CENTER);
            if (tick == 1) {
                t.setLineDash(2, 2);
                t.moveTo(x, bottom);
                t.lineTo(x, h - 4);
                t.stroke();
                t.setLineDash(0);
            }
        }
        for (int i = 0; i < terms.size(); i++) {
            ModelTerm term = terms.get(i);
            float y = h - 10 - rowH * i;
            label(t, font, term.name(), left - 6, y - 3, Element.ALIGN_RIGHT);
            if (!Double.isFinite(term.ratio())) {
                continue;
            }
            float x1 = left + (float) ((clamp(Math.log(term.lower()), lo, hi) - lo) / (hi - lo) * pw);
            float x2 = left + (float) ((clamp(Math.log(term.upper()), lo, hi) - lo) / (hi - lo) * pw);
            float xm = left + (float) ((clamp(Math.log(term.ratio()), lo, hi) - lo) / (hi - lo) * pw);
            Color c = i == 0 ? MULTI : Color.DARK_GRAY;
            t.setColorStroke(c);
            t.setColorFill(c);
            t.setLineWidth(1);
            t.moveTo(x1, y);
            t.lineTo(x2, y);
            t.stroke();
            t.rectangle(xm - 2.5f, y - 2.5f, 5, 5);
            t.fill();
        }
        return image(t);
    }

    /** "f_movement" -> "Movement", as the dashboard labels the factors. */
    static String factorLabel(String term) {
        String bare = term.startsWith("f_") ? term.substring(2) : term;
        return bare.isEmpty() ? bare : Character.toUpperCase(bare.charAt(0)) + bare.substring(1);
    }

    private static double clamp(double v, double lo, double hi) {
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }

    private static org.openpdf.text.pdf.PdfGState alpha(float a) {
        org.openpdf.text.pdf.PdfGState gs = new org.openpdf.text.pdf.PdfGState();
        gs.setFillOpacity(a);
        return gs;
    }

    private static float[] pt(double time, double s, float left, float bottom, float pw, float ph, double maxT) {
        return new float[] {left + (float) (pw * Math.min(time, maxT) / maxT), bottom + (float) (ph * s)};
    }

    private static void axes(PdfTemplate t, BaseFont font, float left, float bottom, float pw, float ph) {
        t.setColorStroke(Color.GRAY);
        t.setLineWidth(0.5f);
        t.moveTo(left, bottom + ph);
        t.lineTo(left, bottom);
        t.lineTo(left + pw, bottom);
        t.stroke();
    }

    private static void legend(PdfTemplate t, BaseFont font, Color color, String text, float x, float y) {
        t.setColorFill(color);
        t.rectangle(x, y, 10, 4);
        t.fill();
        label(t, font, text, x + 14, y - 1, Element.ALIGN_LEFT);
    }

    private static void label(PdfTemplate t, BaseFont font, String text, float x, float y, int align) {
        t.beginText();
        t.setColorFill(Color.DARK_GRAY);
        t.setFontAndSize(font, 7);
        t.showTextAligned(align, text, x, y, 0);
        t.endText();
    }

    private static BaseFont font() {
        try {
            return BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
        } catch (Exception e) {
            throw new IllegalStateException("Helvetica is built into every PDF reader", e);
        }
    }

    private static Image image(PdfTemplate t) {
        try {
            Image image = Image.getInstance(t);
            image.setSpacingBefore(4);
            return image;
        } catch (Exception e) {
            throw new IllegalStateException("cannot embed a chart in the PDF", e);
        }
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
