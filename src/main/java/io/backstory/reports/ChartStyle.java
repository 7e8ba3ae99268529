package io.backstory.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one home of the report charts' colours and axes (docs/style.md rule 8): {@link PdfCharts} draws with
 * these, and the views send {@link #forScreen()} with every chart's JSON, which the web components in
 * frontend/charts read instead of colours of their own. So the printout and the screen cannot drift apart.
 */
public final class ChartStyle {

    /** Isolated plans (at most the clinic's isolated breadth): warm, the group the report asks about. */
    public static final String ISOLATED = "#c25b2a";
    /** Multi-factor plans; also the highlighted row of a forest plot. */
    public static final String MULTI = "#1f6f8b";
    /** A reference line: the clinic rate of a funnel plot. */
    public static final String CENTRE = "#555555";
    /** Funnel plot 95 % control limits. */
    public static final String LIMIT_95 = "#7a9cc6";
    /** Funnel plot 99.8 % control limits. */
    public static final String LIMIT_998 = "#c0392b";
    /** A therapist outside the 95 % limits (PDF dots; the screen names them in the table). */
    public static final String OUTSIDE_95 = "#d98e04";
    /** Estimates that are not highlighted, error bars and their whiskers. */
    public static final String INK = "#404040";
    /** Axis lines and the "no effect" line. */
    public static final String AXIS = "#808080";
    /** Further series (trend lines beyond the two plan colours), in order. */
    public static final List<String> SERIES = List.of(ISOLATED, MULTI, "#6b8e23", "#8e44ad", "#b8860b", "#2c3e50");

    /**
     * The widest a ratio axis (forest plot, log scale) may grow, both ways from 1: 1/32 to 32. A wider axis
     * would squash every usable interval to a dot for the sake of one degenerate estimate (a factor
     * nobody or everybody got); an interval beyond it is cut at the edge on the screen and in the PDF alike.
     */
    public static final double RATIO_AXIS_LIMIT = 32;

    private ChartStyle() {
    }

    /** A forest plot's log axis: whole powers of two, at least 0.5 to 2, at most 1/32 to 32. */
    public record RatioAxis(double min, double max) {

        /** Widened to hold every finite positive value, so an interval is drawn whole wherever the cap allows. */
        public static RatioAxis holding(double... values) {
            double lo = 0.5;
            double hi = 2;
            for (double v : values) {
                if (Double.isFinite(v) && v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            double min = Math.max(1 / RATIO_AXIS_LIMIT, Math.pow(2, Math.floor(log2(lo))));
            double max = Math.min(RATIO_AXIS_LIMIT, Math.pow(2, Math.ceil(log2(hi))));
            return new RatioAxis(min, max);
        }

        /** The value as drawn: cut at the axis ends. */
        public double clamp(double v) {
            return Math.max(min, Math.min(max, v));
        }

        /** The ticks: every power of two from min to max. */
        public List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            for (double t = min; t <= max * 1.0000001; t *= 2) {
                ticks.add(t);
            }
            return ticks;
        }

        private static double log2(double v) {
            return Math.log(v) / Math.log(2);
        }
    }

    /** The palette as the chart components read it from their JSON ({@code data.style}). */
    public static Map<String, Object> forScreen() {
        Map<String, Object> style = new LinkedHashMap<>();
        style.put("isolated", ISOLATED);
        style.put("multi", MULTI);
        style.put("centre", CENTRE);
        style.put("limit95", LIMIT_95);
        style.put("limit998", LIMIT_998);
        style.put("outside95", OUTSIDE_95);
        style.put("ink", INK);
        style.put("axis", AXIS);
        style.put("series", SERIES);
        return style;
    }
}
