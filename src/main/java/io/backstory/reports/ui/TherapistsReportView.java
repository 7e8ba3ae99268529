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

/**
 * Fair comparison of therapists: a funnel plot rather than a ranking, because with a few dozen
 * episodes each most differences between therapists are chance (Spiegelhalter 2005).
 */
@Route("reports/therapists")
@Menu(order = 13, icon = "USERS", title = "nav.reports.therapists")
@RolesAllowed({"OWNER", "ADMIN"})
public class TherapistsReportView extends ReportView {

    public TherapistsReportView(RecurrenceReportService reports) {
        super(reports, "report.therapists.title", "report.therapists.intro", "title.therapistsReport");
        addClassName("report-therapists");
    }

    @Override
    protected void render(RecurrenceReport report, Div content) {
        List<RecurrenceReport.TherapistPoint> points = report.therapists();
        FunnelChart chart = new FunnelChart();
        chart.setData(Charts.map(
                "points", points.stream().filter(t -> t.evaluable() > 0).map(t -> Charts.map("name", t.name(), "n", t.evaluable(),
                        "rate", Chart.finite(t.rate()), "breadth", Chart.finite(t.averageBreadth()))).toList(),
                "limits", report.funnel().stream().map(b -> List.of((double) b.n(), b.lower95(), b.upper95(), b.lower998(), b.upper998())).toList(),
                "centre", Chart.finite(report.clinicRate()),
                "xLabel", getTranslation("report.therapists.x"),
                "yLabel", getTranslation("report.chart.recurrence", within(report.horizonDays()))));
        chart.setHeight("420px");
        Grid<RecurrenceReport.TherapistPoint> grid = new Grid<>();
        grid.addColumn(RecurrenceReport.TherapistPoint::name).setHeader(getTranslation("table.therapist")).setAutoWidth(true);
        grid.addColumn(RecurrenceReport.TherapistPoint::discharged).setHeader(getTranslation("table.discharged"));
        grid.addColumn(RecurrenceReport.TherapistPoint::evaluable).setHeader(getTranslation("table.followed"));
        grid.addColumn(RecurrenceReport.TherapistPoint::events).setHeader(getTranslation("table.recurred"));
        grid.addColumn(t -> percent(t.rate())).setHeader(getTranslation("table.recurrence"));
        grid.addColumn(t -> ratio(t.averageBreadth())).setHeader(getTranslation("table.avgBreadth"));
        grid.addColumn(t -> getTranslation(t.outside998() ? "report.therapists.outside998"
                : t.outside95() ? "report.therapists.outside95" : "report.therapists.expected")).setHeader(getTranslation("table.variation")).setAutoWidth(true);
        grid.setItems(points);
        Charts.compact(grid);
        ChartFigure funnel = new ChartFigure(getTranslation("report.therapists.funnel.title"),
                getTranslation("report.therapists.funnel.description", percent(report.clinicRate())), chart, grid, "therapist-funnel");

        // Average plan breadth as its own small table, always visible: it is the lever a therapist controls.
        Grid<RecurrenceReport.TherapistPoint> breadth = new Grid<>();
        breadth.addColumn(RecurrenceReport.TherapistPoint::name).setHeader(getTranslation("table.therapist")).setAutoWidth(true);
        breadth.addColumn(t -> ratio(t.averageBreadth())).setHeader(getTranslation("table.avgBreadth"));
        breadth.addColumn(RecurrenceReport.TherapistPoint::discharged).setHeader(getTranslation("table.discharged"));
        breadth.setItems(points);
        Charts.compact(breadth);
        Div breadthBox = new Div(new com.vaadin.flow.component.html.H3(getTranslation("report.therapists.breadth.title")),
                new com.vaadin.flow.component.html.Paragraph(getTranslation("report.therapists.breadth.description")), breadth);
        breadthBox.addClassName("report-block");
        content.add(funnel, breadthBox);
    }
}
