package io.backstory.reports.ui;

import static io.backstory.reports.ui.Chart.finite;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import io.backstory.analytics.ModelTerm;
import io.backstory.analytics.ProportionEstimate;
import io.backstory.analytics.SurvivalCurve;
import io.backstory.reports.ChartStyle;
import io.backstory.reports.ReportWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compact chart data built from report records (the web components turn it into ECharts options). */
final class Charts {

    private Charts() {
    }

    record BarSeries(String name, List<Double> values, List<Double> lower, List<Double> upper, List<Integer> n, String color,
                     List<String> colors) {

        BarSeries(String name, List<Double> values, List<Double> lower, List<Double> upper, List<Integer> n, String color) {
            this(name, values, lower, upper, n, color, List.of());
        }
    }

    record BarsData(List<String> categories, List<BarSeries> series, String xLabel, String yLabel) {
    }

    record Curve(String name, String color, List<List<Double>> points) {
    }

    record SurvivalData(List<Curve> curves, int maxX, String xLabel, String yLabel) {
    }

    record ForestRow(String label, Double estimate, Double lower, Double upper, String note, boolean highlight) {
    }

    /** The rows and their log axis: the same {@link ChartStyle.RatioAxis} as the PDF's, tick labels in the reader's format. */
    record ForestData(List<ForestRow> rows, String xLabel, double min, double max, Map<String, String> ticks) {

        ForestData(List<ForestRow> rows, String xLabel) {
            this(rows, xLabel, axis(rows).min(), axis(rows).max(), tickLabels(axis(rows)));
        }

        private static ChartStyle.RatioAxis axis(List<ForestRow> rows) {
            return ChartStyle.RatioAxis.holding(rows.stream()
                    .flatMap(r -> java.util.stream.Stream.of(r.estimate(), r.lower(), r.upper()))
                    .filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).toArray());
        }

        /** Keyed by the power of two ("-2" for 0.25), which the component can compute exactly from a tick. */
        private static Map<String, String> tickLabels(ChartStyle.RatioAxis axis) {
            Map<String, String> labels = new java.util.LinkedHashMap<>();
            ReportWords words = ReportText.words();
            for (double tick : axis.ticks()) {
                labels.put(Long.toString(Math.round(Math.log(tick) / Math.log(2))), words.tick(tick));
            }
            return labels;
        }
    }

    record NamedRate(String name, ProportionEstimate rate) {
    }

    static final String ISOLATED = ChartStyle.ISOLATED;
    static final String MULTI = ChartStyle.MULTI;

    static BarsData bars(List<String> categories, String seriesName, List<ProportionEstimate> rates, String xLabel) {
        return new BarsData(categories, List.of(new BarSeries(seriesName,
                rates.stream().map(r -> finite(r.rate())).toList(),
                rates.stream().map(r -> finite(r.lower())).toList(),
                rates.stream().map(r -> finite(r.upper())).toList(),
                rates.stream().map(ProportionEstimate::n).toList(), MULTI)), xLabel, seriesName);
    }

    /** Isolated vs multi-factor bars in the two plan colours used by every chart. */
    static BarsData planBars(List<String> categories, String seriesName, List<ProportionEstimate> rates, String xLabel) {
        return coloured(bars(categories, seriesName, rates, xLabel), List.of(ISOLATED, MULTI));
    }

    /** Bars by plan breadth 0-5, each in the colour of its plan group (isolated up to {@code isolatedMax} factors). */
    static BarsData breadthBars(List<String> categories, String seriesName, List<ProportionEstimate> rates, String xLabel,
                                int isolatedMax) {
        List<String> colours = new ArrayList<>();
        for (int breadth = 0; breadth < categories.size(); breadth++) {
            colours.add(breadth <= isolatedMax ? ISOLATED : MULTI);
        }
        return coloured(bars(categories, seriesName, rates, xLabel), colours);
    }

    private static BarsData coloured(BarsData plain, List<String> colours) {
        BarSeries s = plain.series().getFirst();
        return new BarsData(plain.categories(), List.of(new BarSeries(s.name(), s.values(), s.lower(), s.upper(), s.n(), s.color(),
                colours)), plain.xLabel(), plain.yLabel());
    }

    static Curve curve(String name, String color, SurvivalCurve c) {
        List<List<Double>> points = new ArrayList<>();
        points.add(List.of(0.0, 1.0, 1.0, 1.0));
        for (int i = 0; i < c.time().length; i++) {
            List<Double> p = new ArrayList<>(4);
            p.add(c.time()[i]);
            p.add(c.surv()[i]);
            p.add(finite(c.lower()[i]));
            p.add(finite(c.upper()[i]));
            points.add(p);
        }
        return new Curve(name, color, points);
    }

    static ForestRow forestRow(String label, ModelTerm t, String note, boolean highlight) {
        return new ForestRow(label, finite(t.ratio()), finite(t.lower()), finite(t.upper()), note, highlight);
    }

    static Grid<NamedRate> rateGrid(String firstHeader, List<NamedRate> rows) {
        Grid<NamedRate> grid = new Grid<>();
        grid.addColumn(NamedRate::name).setHeader(firstHeader).setAutoWidth(true);
        grid.addColumn(r -> r.rate().n()).setHeader(t("table.followed"));
        grid.addColumn(r -> r.rate().events()).setHeader(t("table.recurred"));
        grid.addColumn(r -> ReportText.rateWithCi(r.rate())).setHeader(t("table.recurrenceCi")).setAutoWidth(true);
        grid.setItems(rows);
        compact(grid);
        return grid;
    }

    static String t(String key, Object... params) {
        return com.vaadin.flow.i18n.I18NProvider.translate(key, params);
    }

    static void compact(Grid<?> grid) {
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addClassName("report-table");
    }

    static Map<String, Object> map(Object... keyValues) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
