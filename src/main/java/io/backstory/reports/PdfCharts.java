package io.backstory.reports;


import io.backstory.analytics.AnalysisReport;
import io.backstory.analytics.ModelTerm;
import io.backstory.analytics.SurvivalCurve;
import io.backstory.reports.RecurrenceReport.BreadthRow;
import io.backstory.reports.RecurrenceReport.FunnelBand;
import io.backstory.reports.RecurrenceReport.TherapistPoint;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.openpdf.text.Element;
import org.openpdf.text.Image;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfGState;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

/**
 * The report's charts as PDF vector graphics, each returned as an {@link Image} the document flows
 * like a paragraph. Colours and the ratio axis come from {@link ChartStyle}, as the dashboard's
 * ECharts components' do, so the printout and the screen read the same way.
 */
final class PdfCharts {

    private static final Color ISOLATED = Color.decode(ChartStyle.ISOLATED);
    private static final Color MULTI = Color.decode(ChartStyle.MULTI);
    private static final Color CENTRE = Color.decode(ChartStyle.CENTRE);
    private static final Color LIMIT_95 = Color.decode(ChartStyle.LIMIT_95);
    private static final Color LIMIT_998 = Color.decode(ChartStyle.LIMIT_998);
    private static final Color OUTSIDE_95 = Color.decode(ChartStyle.OUTSIDE_95);
    private static final Color INK = Color.decode(ChartStyle.INK);
    private static final Color AXIS = Color.decode(ChartStyle.AXIS);
    private static final float WIDTH = 500;
    private static final float LEGEND_WIDTH = 118;
    private static final float FONT_SIZE = 7;
    private static final float DOT = 2.6f;

    private PdfCharts() {
    }

    /** The plot area of a chart and the data ranges it shows; both axes start at zero. */
    private record Frame(float left, float bottom, float width, float height, double xMax, double yMax) {

        float x(double v) {
            return left + (float) (width * Math.min(v, xMax) / xMax);
        }

        float y(double v) {
            return bottom + (float) (height * v / yMax);
        }

        float right() {
            return left + width;
        }

        float top() {
            return bottom + height;
        }
    }

    static Image kmChart(PdfWriter writer, ReportWords w, AnalysisReport a) {
        float h = 200;
        Frame f = new Frame(40, 30, WIDTH - 40 - 110, h - 30 - 10, a.horizonDays(), 1);
        PdfTemplate t = writer.getDirectContent().createTemplate(WIDTH, h);
        BaseFont font = font();
        axes(t, f);
        percentTicks(t, w, font, f, 0.25);
        double maxT = f.xMax();
        for (int d = 0; d <= maxT; d += Math.max(30, (int) (maxT / 6) / 30 * 30)) {
            label(t, font, Integer.toString(d), f.x(d), f.bottom() - 12, Element.ALIGN_CENTER);
        }
        label(t, font, w.get("pdf.chart.km.axis"), f.left() + f.width() / 2, 2, Element.ALIGN_CENTER);
        curve(t, a.kmIsolated(), ISOLATED, f);
        curve(t, a.kmMulti(), MULTI, f);
        legend(t, font, ISOLATED, w.get("pdf.chart.isolated"), f.right() + 10, f.top() - 10);
        legend(t, font, MULTI, w.get("report.group.multi"), f.right() + 10, f.top() - 26);
        return image(t);
    }

    private static void curve(PdfTemplate t, SurvivalCurve c, Color color, Frame f) {
        if (c.time().length == 0) {
            return;
        }
        double maxT = f.xMax();
        // 95 % band as a light filled step polygon, then the step curve on top.
        t.saveState();
        t.setColorFill(color);
        t.setGState(alpha(0.18f));
        List<float[]> upper = new ArrayList<>();
        List<float[]> lower = new ArrayList<>();
        double prevU = 1;
        double prevL = 1;
        double prevT = 0;
        for (int i = 0; i < c.time().length && c.time()[i] <= maxT; i++) {
            double u = Double.isNaN(c.upper()[i]) ? prevU : c.upper()[i];
            double l = Double.isNaN(c.lower()[i]) ? prevL : c.lower()[i];
            upper.add(pt(f, prevT, prevU));
            upper.add(pt(f, c.time()[i], prevU));
            lower.add(pt(f, prevT, prevL));
            lower.add(pt(f, c.time()[i], prevL));
            prevU = u;
            prevL = l;
            prevT = c.time()[i];
        }
        upper.add(pt(f, prevT, prevU));
        upper.add(pt(f, maxT, prevU));
        lower.add(pt(f, prevT, prevL));
        lower.add(pt(f, maxT, prevL));
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
        t.moveTo(f.x(0), f.y(1));
        for (int i = 0; i < c.time().length && c.time()[i] <= maxT; i++) {
            t.lineTo(f.x(c.time()[i]), f.y(s));
            s = c.surv()[i];
            t.lineTo(f.x(c.time()[i]), f.y(s));
            prev = c.time()[i];
        }
        t.lineTo(f.x(Math.max(prev, maxT)), f.y(s));
        t.stroke();
    }

    static Image forestChart(PdfWriter writer, ReportWords w, List<ModelTerm> terms) {
        float rowH = 14;
        float h = 30 + rowH * terms.size();
        float left = 150;
        float pw = WIDTH - left - 20;
        float bottom = 22;
        ChartStyle.RatioAxis axis = ChartStyle.RatioAxis.holding(terms.stream()
                .flatMapToDouble(term -> java.util.stream.DoubleStream.of(term.ratio(), term.lower(), term.upper())).toArray());
        double lo = Math.log(axis.min());
        double hi = Math.log(axis.max());
        PdfTemplate t = writer.getDirectContent().createTemplate(WIDTH, h);
        BaseFont font = font();
        t.setColorStroke(AXIS);
        t.setLineWidth(0.5f);
        t.moveTo(left, bottom);
        t.lineTo(left + pw, bottom);
        t.stroke();
        for (double tick : axis.ticks()) {
            float x = left + (float) ((Math.log(tick) - lo) / (hi - lo) * pw);
            label(t, font, w.tick(tick), x, bottom - 12, Element.ALIGN_CENTER);
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
            label(t, font, ReportPdf.termLabel(w, term.name()), left - 6, y - 3, Element.ALIGN_RIGHT);
            if (!Double.isFinite(term.ratio())) {
                continue;
            }
            float x1 = left + (float) ((Math.log(axis.clamp(term.lower())) - lo) / (hi - lo) * pw);
            float x2 = left + (float) ((Math.log(axis.clamp(term.upper())) - lo) / (hi - lo) * pw);
            float xm = left + (float) ((Math.log(axis.clamp(term.ratio())) - lo) / (hi - lo) * pw);
            Color c = i == 0 ? MULTI : INK;
            t.setColorStroke(c);
            t.setColorFill(c);
            t.setLineWidth(1);
            if (!Double.isNaN(term.lower()) && !Double.isNaN(term.upper())) {
                // as on the screen: an interval that could not be computed is not drawn
                t.moveTo(x1, y);
                t.lineTo(x2, y);
                t.stroke();
            }
            t.rectangle(xm - 2.5f, y - 2.5f, 5, 5);
            t.fill();
        }
        return image(t);
    }

    /**
     * Funnel plot (Spiegelhalter 2005): each therapist's recurrence proportion against the number of
     * episodes it rests on, inside the control limits around the clinic rate. Dots outside the limits
     * are filled, so the printout shows the flags without relying on colour alone. Requires a
     * non-empty funnel (there is none without a clinic rate).
     */
    static Image funnelChart(PdfWriter writer, ReportWords w, List<FunnelBand> funnel, List<TherapistPoint> therapists,
                             double clinicRate, int horizonDays) {
        List<TherapistPoint> plotted = therapists.stream().filter(p -> p.evaluable() > 0 && Double.isFinite(p.rate())).toList();
        int smallestN = plotted.stream().mapToInt(TherapistPoint::evaluable).min().orElse(1);
        // The limits fan out towards 0-100 % at tiny n; scale the y axis to the therapists and to the
        // limits where therapists actually are, and clip the rest, or the dots crowd into a thin strip.
        double top = clinicRate;
        for (TherapistPoint p : plotted) {
            top = Math.max(top, p.rate());
        }
        for (FunnelBand b : funnel) {
            if (b.n() >= smallestN) {
                top = Math.max(top, b.upper998());
            }
        }
        float h = 230;
        Frame f = new Frame(44, 30, WIDTH - 44 - LEGEND_WIDTH, h - 30 - 10, funnel.getLast().n(), roundUpToTenth(top));
        PdfTemplate t = writer.getDirectContent().createTemplate(WIDTH, h);
        BaseFont font = font();
        axes(t, f);
        percentTicks(t, w, font, f, percentStep(f.yMax()));
        int step = niceStep(f.xMax() / 6);
        for (int n = 0; n <= f.xMax(); n += step) {
            label(t, font, Integer.toString(n), f.x(n), f.bottom() - 10, Element.ALIGN_CENTER);
        }
        label(t, font, w.get("pdf.chart.funnel.axis"), f.left() + f.width() / 2, 2, Element.ALIGN_CENTER);
        yTitle(t, font, w.get("pdf.chart.recurrence", w.within(horizonDays)), f);

        t.saveState();
        t.rectangle(f.left(), f.bottom(), f.width(), f.height());
        t.clip();
        t.newPath();
        bandLine(t, f, funnel, FunnelBand::lower998, LIMIT_998, true);
        bandLine(t, f, funnel, FunnelBand::upper998, LIMIT_998, true);
        bandLine(t, f, funnel, FunnelBand::lower95, LIMIT_95, false);
        bandLine(t, f, funnel, FunnelBand::upper95, LIMIT_95, false);
        stroke(t, CENTRE, false, f.x(0), f.y(clinicRate), f.right(), f.y(clinicRate));
        t.restoreState();

        List<float[]> taken = new ArrayList<>();
        for (TherapistPoint p : plotted) {
            float x = f.x(p.evaluable());
            float y = f.y(p.rate());
            dot(t, x, y, p);
            taken.add(new float[] {x - DOT, y - DOT, x + DOT, y + DOT});
        }
        for (TherapistPoint p : plotted) {
            placeLabel(t, font, shortName(p.name()), f.x(p.evaluable()), f.y(p.rate()), f, taken);
        }

        float lx = f.right() + 10;
        float ly = f.top() - 6;
        lineLegend(t, font, CENTRE, false, w.get("pdf.chart.clinicRate", w.percent(clinicRate)), lx, ly);
        lineLegend(t, font, LIMIT_95, false, w.get("pdf.chart.limits95"), lx, ly - 14);
        lineLegend(t, font, LIMIT_998, true, w.get("pdf.chart.limits998"), lx, ly - 28);
        dotLegend(t, font, MULTI, false, w.get("pdf.chart.expected"), lx, ly - 48);
        dotLegend(t, font, OUTSIDE_95, true, w.get("pdf.chart.outside95"), lx, ly - 62);
        dotLegend(t, font, LIMIT_998, true, w.get("pdf.chart.outside998"), lx, ly - 76);
        return image(t);
    }

    /**
     * Recurrence by plan breadth 0-5 with Wilson 95 % intervals. Breadths without an evaluable episode
     * get no bar (a 0 % bar would read as "no recurrences"), only their n = 0 underneath.
     */
    static Image breadthChart(PdfWriter writer, ReportWords w, List<BreadthRow> rows, int isolatedMaxBreadth, int horizonDays) {
        double top = 0;
        for (BreadthRow r : rows) {
            if (r.rate().n() > 0) {
                top = Math.max(top, r.rate().upper());
            }
        }
        float h = 160;
        Frame f = new Frame(44, 38, WIDTH - 44 - LEGEND_WIDTH, h - 38 - 10, rows.size(), roundUpToTenth(top));
        PdfTemplate t = writer.getDirectContent().createTemplate(WIDTH, h);
        BaseFont font = font();
        axes(t, f);
        percentTicks(t, w, font, f, percentStep(f.yMax()));
        float slot = f.width() / rows.size();
        float half = slot * 0.25f;
        for (int i = 0; i < rows.size(); i++) {
            BreadthRow r = rows.get(i);
            float x = f.left() + slot * (i + 0.5f);
            label(t, font, Integer.toString(r.breadth()), x, f.bottom() - 10, Element.ALIGN_CENTER);
            label(t, font, "n = " + r.rate().n(), x, f.bottom() - 19, Element.ALIGN_CENTER);
            if (r.rate().n() == 0) {
                continue;
            }
            t.setColorFill(r.breadth() <= isolatedMaxBreadth ? ISOLATED : MULTI);
            t.rectangle(x - half, f.bottom(), 2 * half, f.y(r.rate().rate()) - f.bottom());
            t.fill();
            float lo = f.y(r.rate().lower());
            float hi = f.y(r.rate().upper());
            stroke(t, INK, false, x, lo, x, hi);
            stroke(t, INK, false, x - 3, lo, x + 3, lo);
            stroke(t, INK, false, x - 3, hi, x + 3, hi);
            label(t, font, w.percent(r.rate().rate()), x + half + 2, f.y(r.rate().rate()) - 3, Element.ALIGN_LEFT);
        }
        label(t, font, w.get("pdf.chart.breadth.axis"), f.left() + f.width() / 2, 2,
                Element.ALIGN_CENTER);
        yTitle(t, font, w.get("pdf.chart.recurrence", w.within(horizonDays)), f);
        float lx = f.right() + 10;
        legend(t, font, ISOLATED, w.get("pdf.chart.isolatedRange", isolatedMaxBreadth), lx, f.top() - 10);
        legend(t, font, MULTI, w.get("report.group.multi"), lx, f.top() - 24);
        lineLegend(t, font, INK, false, w.get("pdf.chart.wilson"), lx, f.top() - 38);
        return image(t);
    }

    private static void bandLine(PdfTemplate t, Frame f, List<FunnelBand> funnel, ToDoubleFunction<FunnelBand> limit,
                                 Color color, boolean dashed) {
        t.setColorStroke(color);
        t.setLineWidth(1);
        dash(t, dashed);
        boolean first = true;
        for (FunnelBand b : funnel) {
            double v = limit.applyAsDouble(b);
            if (!Double.isFinite(v)) {
                continue;
            }
            if (first) {
                t.moveTo(f.x(b.n()), f.y(v));
                first = false;
            } else {
                t.lineTo(f.x(b.n()), f.y(v));
            }
        }
        t.stroke();
        dash(t, false);
    }

    private static void dot(PdfTemplate t, float x, float y, TherapistPoint p) {
        if (p.outside998()) {
            dot(t, x, y, LIMIT_998, true);
        } else if (p.outside95()) {
            dot(t, x, y, OUTSIDE_95, true);
        } else {
            dot(t, x, y, MULTI, false);
        }
    }

    private static void dot(PdfTemplate t, float x, float y, Color color, boolean filled) {
        t.setLineWidth(1);
        t.setColorStroke(color);
        t.setColorFill(color);
        t.circle(x, y, DOT);
        if (filled) {
            t.fillStroke();
        } else {
            t.stroke();
        }
    }

    /**
     * Puts a label right, left, above or below its dot, whichever overlaps no dot, earlier label or
     * the frame; a label with no free place is left out (the table below names every therapist).
     */
    private static void placeLabel(PdfTemplate t, BaseFont font, String text, float x, float y, Frame f, List<float[]> taken) {
        float w = font.getWidthPoint(text, FONT_SIZE);
        float gap = DOT + 2;
        float[][] boxes = {
            {x + gap, y - 3, x + gap + w, y + 5},
            {x - gap - w, y - 3, x - gap, y + 5},
            {x - w / 2, y + gap, x + w / 2, y + gap + 8},
            {x - w / 2, y - gap - 8, x + w / 2, y - gap},
        };
        for (float[] box : boxes) {
            boolean inside = box[0] >= f.left() + 1 && box[2] <= f.right() && box[1] >= f.bottom() + 1 && box[3] <= f.top();
            if (inside && taken.stream().noneMatch(o -> box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3])) {
                taken.add(box);
                // A white backing keeps the name readable where it crosses a control limit.
                t.setColorFill(Color.WHITE);
                t.rectangle(box[0] - 1, box[1], box[2] - box[0] + 2, box[3] - box[1] - 1);
                t.fill();
                label(t, font, text, box[0], box[1] + 1.5f, Element.ALIGN_LEFT);
                return;
            }
        }
    }

    /** "Priya Shah" -> "Priya S.": enough to find the row in the table, short enough not to crowd the dots. */
    static String shortName(String name) {
        String trimmed = name.strip();
        int space = trimmed.lastIndexOf(' ');
        return space <= 0 ? trimmed : trimmed.substring(0, trimmed.indexOf(' ')) + " " + trimmed.charAt(space + 1) + ".";
    }

    /**
     * The next tenth above {@code v} with a little headroom, so the highest point and its CI stay
     * inside; above 80 % the whole scale, so the quarter ticks of {@link #percentStep} end on the top.
     */
    private static double roundUpToTenth(double v) {
        double tenth = Double.isFinite(v) ? Math.max(0.1, Math.ceil((v + 0.02) * 10) / 10) : 1;
        return tenth > 0.8 ? 1 : tenth;
    }

    /** A tick step that divides the axis top from {@link #roundUpToTenth}, four to eight ticks. */
    private static double percentStep(double yMax) {
        return yMax <= 0.3 ? 0.05 : yMax <= 0.8 ? 0.1 : 0.25;
    }

    /** 1, 2, 5, 10, 20, 50 ... at or above {@code raw}: tick steps a reader can add up in their head. */
    private static int niceStep(double raw) {
        int step = 1;
        while (true) {
            for (int m : new int[] {1, 2, 5}) {
                if (step * m >= raw) {
                    return step * m;
                }
            }
            step *= 10;
        }
    }

    private static PdfGState alpha(float a) {
        PdfGState gs = new PdfGState();
        gs.setFillOpacity(a);
        return gs;
    }

    private static float[] pt(Frame f, double x, double y) {
        return new float[] {f.x(x), f.y(y)};
    }

    private static void axes(PdfTemplate t, Frame f) {
        t.setColorStroke(AXIS);
        t.setLineWidth(0.5f);
        t.moveTo(f.left(), f.top());
        t.lineTo(f.left(), f.bottom());
        t.lineTo(f.right(), f.bottom());
        t.stroke();
    }

    private static void percentTicks(PdfTemplate t, ReportWords w, BaseFont font, Frame f, double step) {
        // Whole steps counted as integers, so 0.1 + 0.1 + 0.1 rounding never drops the top tick.
        for (int i = 0; i * step <= f.yMax() + 1e-9; i++) {
            float y = f.y(i * step);
            label(t, font, String.format(w.locale(), "%.0f %%", i * step * 100), f.left() - 4, y - 3, Element.ALIGN_RIGHT);
        }
    }

    private static void yTitle(PdfTemplate t, BaseFont font, String text, Frame f) {
        label(t, font, text, 7, f.bottom() + f.height() / 2, Element.ALIGN_CENTER, 90);
    }

    private static void dash(PdfTemplate t, boolean dashed) {
        if (dashed) {
            t.setLineDash(3, 2, 0);
        } else {
            t.setLineDash(0);
        }
    }

    private static void stroke(PdfTemplate t, Color color, boolean dashed, float x1, float y1, float x2, float y2) {
        t.setColorStroke(color);
        t.setLineWidth(1);
        dash(t, dashed);
        t.moveTo(x1, y1);
        t.lineTo(x2, y2);
        t.stroke();
        dash(t, false);
    }

    private static void legend(PdfTemplate t, BaseFont font, Color color, String text, float x, float y) {
        t.setColorFill(color);
        t.rectangle(x, y, 10, 4);
        t.fill();
        label(t, font, text, x + 14, y - 1, Element.ALIGN_LEFT);
    }

    private static void lineLegend(PdfTemplate t, BaseFont font, Color color, boolean dashed, String text, float x, float y) {
        stroke(t, color, dashed, x, y + 2, x + 10, y + 2);
        label(t, font, text, x + 14, y - 1, Element.ALIGN_LEFT);
    }

    private static void dotLegend(PdfTemplate t, BaseFont font, Color color, boolean filled, String text, float x, float y) {
        dot(t, x + 5, y + 2, color, filled);
        label(t, font, text, x + 14, y - 1, Element.ALIGN_LEFT);
    }

    private static void label(PdfTemplate t, BaseFont font, String text, float x, float y, int align) {
        label(t, font, text, x, y, align, 0);
    }

    private static void label(PdfTemplate t, BaseFont font, String text, float x, float y, int align, float rotation) {
        t.beginText();
        t.setColorFill(INK);
        t.setFontAndSize(font, FONT_SIZE);
        t.showTextAligned(align, text, x, y, rotation);
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
}
