package io.backstory.reports.ui;

import static io.backstory.reports.ui.ReportText.percent;
import static io.backstory.reports.ui.ReportText.ratio;
import static io.backstory.reports.ui.ReportText.within;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.backstory.reports.RecurrenceReport;
import io.backstory.reports.RecurrenceReportService;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** Recurrence and average plan breadth per discharge quarter. */
@Route("reports/trends")
@Menu(order = 14, icon = "TRENDING_UP", title = "nav.reports.trends")
@RolesAllowed({"OWNER", "ADMIN"})
public class TrendsReportView extends ReportView {

    public TrendsReportView(RecurrenceReportService reports) {
        super(reports, "report.trends.title", "report.trends.intro", "title.trendsReport");
        addClassName("report-trends");
    }

    @Override
    protected void render(RecurrenceReport report, Div content) {
        List<RecurrenceReport.QuarterRow> quarters = report.quarters();
        String recurrence = getTranslation("report.chart.recurrence", within(report.horizonDays()));
        String breadth = getTranslation("table.avgBreadth");
        LinesChart chart = new LinesChart();
        chart.setData(Charts.map(
                "categories", quarters.stream().map(RecurrenceReport.QuarterRow::quarter).toList(),
                "series", List.of(
                        Charts.map("name", recurrence, "axis", 0, "percent", true, "color", Charts.ISOLATED,
                                "values", quarters.stream().map(q -> followedEnough(q) ? Chart.finite(q.rate()) : null).toList()),
                        Charts.map("name", breadth, "axis", 1, "percent", false, "color", Charts.MULTI,
                                "values", quarters.stream().map(q -> Chart.finite(q.averageBreadth())).toList())),
                "axes", List.of(Charts.map("name", recurrence, "percent", true, "max", 1), Charts.map("name", breadth, "percent", false, "max", 5)),
                "xLabel", getTranslation("report.trends.x")));
        chart.setHeight("400px");
        Grid<RecurrenceReport.QuarterRow> grid = new Grid<>();
        grid.addColumn(RecurrenceReport.QuarterRow::quarter).setHeader(getTranslation("report.trends.x"));
        grid.addColumn(RecurrenceReport.QuarterRow::discharged).setHeader(getTranslation("table.discharged"));
        grid.addColumn(RecurrenceReport.QuarterRow::evaluable).setHeader(getTranslation("table.followed"));
        grid.addColumn(RecurrenceReport.QuarterRow::events).setHeader(getTranslation("table.recurred"));
        grid.addColumn(q -> followedEnough(q) ? percent(q.rate()) : getTranslation("report.trends.tooEarly")).setHeader(getTranslation("table.recurrence"));
        grid.addColumn(q -> ratio(q.averageBreadth())).setHeader(breadth);
        grid.setItems(quarters);
        Charts.compact(grid);
        content.add(new ChartFigure(getTranslation("report.trends.title"),
                getTranslation("report.trends.description", within(report.horizonDays())), chart, grid, "quarterly-trend"));
    }

    /**
     * A quarter whose patients mostly have not reached the horizon yet would show only its early
     * recurrences (the rate would be biased upwards), so its rate is shown once at least half of its
     * discharges were followed to the horizon or to a recurrence, and at least 5.
     */
    static boolean followedEnough(RecurrenceReport.QuarterRow q) {
        return q.evaluable() >= 5 && q.evaluable() * 2 >= q.discharged();
    }
}
