package io.backstory.reports.ui;

import static io.backstory.reports.ui.ReportText.p;
import static io.backstory.reports.ui.ReportText.percent;
import static io.backstory.reports.ui.ReportText.ratio;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.backstory.analytics.AnalysisReport;
import io.backstory.analytics.FactorEffect;
import io.backstory.reports.RecurrenceReport;
import io.backstory.reports.RecurrenceReportService;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** Which factor matters: each factor's own adjusted hazard ratio, and how often each is left out. */
@Route("reports/factors")
@Menu(order = 12, icon = "LIST_UL", title = "nav.reports.factors")
@RolesAllowed({"OWNER", "ADMIN"})
public class FactorsReportView extends ReportView {

    public FactorsReportView(RecurrenceReportService reports) {
        super(reports, "report.factors.title", "report.factors.intro", "title.factorsReport");
        addClassName("report-factors");
    }

    @Override
    protected void render(RecurrenceReport report, Div content) {
        AnalysisReport a = report.analysis();
        List<Charts.ForestRow> rows = a.factors().stream().map(f -> new Charts.ForestRow(getTranslation("term." + f.name()), Chart.finite(f.hr()),
                Chart.finite(f.lower()), Chart.finite(f.upper()), "p " + p(f.p()) + ", BH-adjusted p " + p(f.pBh()), f.pBh() < 0.05)).toList();
        ForestChart forest = new ForestChart();
        forest.setData(new Charts.ForestData(rows, getTranslation("report.chart.hr")));
        forest.setHeight("280px");
        Grid<FactorEffect> grid = new Grid<>();
        grid.addColumn(f -> getTranslation("term." + f.name())).setHeader(getTranslation("table.factor"));
        grid.addColumn(f -> ratio(f.hr())).setHeader(getTranslation("table.hr"));
        grid.addColumn(f -> ratio(f.lower()) + " to " + ratio(f.upper())).setHeader(getTranslation("table.ci"));
        grid.addColumn(f -> p(f.p())).setHeader("p");
        grid.addColumn(f -> p(f.pBh())).setHeader(getTranslation("table.pBh"));
        grid.setItems(a.factors());
        Charts.compact(grid);
        ChartFigure forestFigure = new ChartFigure(getTranslation("report.factors.forest.title"),
                getTranslation("report.factors.forest.description"), forest, grid, "factor-forest");

        List<RecurrenceReport.FactorOmission> omissions = report.omissions();
        ErrorBarsChart bars = new ErrorBarsChart();
        List<Double> shares = omissions.stream().map(o -> Chart.finite(o.share())).toList();
        List<Double> none = omissions.stream().map(o -> (Double) null).toList();
        bars.setData(new Charts.BarsData(omissions.stream().map(this::shortLabel).toList(),
                List.of(new Charts.BarSeries(getTranslation("report.factors.omitted"), shares, none, none,
                        omissions.stream().map(RecurrenceReport.FactorOmission::episodes).toList(), Charts.ISOLATED)),
                getTranslation("table.factor"), getTranslation("report.factors.omitted")));
        bars.setHeight("300px");
        Grid<RecurrenceReport.FactorOmission> omissionGrid = new Grid<>();
        omissionGrid.addColumn(this::shortLabel).setHeader(getTranslation("table.factor"));
        omissionGrid.addColumn(RecurrenceReport.FactorOmission::omitted).setHeader(getTranslation("table.omittedIn"));
        omissionGrid.addColumn(RecurrenceReport.FactorOmission::episodes).setHeader(getTranslation("table.discharged"));
        omissionGrid.addColumn(o -> percent(o.share())).setHeader(getTranslation("report.factors.omitted"));
        omissionGrid.setItems(omissions);
        Charts.compact(omissionGrid);
        ChartFigure omissionFigure = new ChartFigure(getTranslation("report.factors.omission.title"),
                getTranslation("report.factors.omission.description"), bars, omissionGrid, "factor-omission");
        content.add(forestFigure, omissionFigure);
    }

    /** "Movement" for f_movement: the factor's short label (factor.movement.short), which fits under a bar. */
    private String shortLabel(RecurrenceReport.FactorOmission o) {
        return getTranslation("factor." + o.factor().substring("f_".length()) + ".short");
    }
}
