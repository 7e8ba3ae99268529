package io.backstory.reports.ui;

import static io.backstory.reports.ui.ReportText.p;
import static io.backstory.reports.ui.ReportText.percent;
import static io.backstory.reports.ui.ReportText.rateWithCi;
import static io.backstory.reports.ui.ReportText.ratio;
import static io.backstory.reports.ui.ReportText.within;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.backstory.analytics.AnalysisReport;
import io.backstory.analytics.ModelTerm;
import io.backstory.analytics.SurvivalCurve;
import io.backstory.reports.RecurrenceReport;
import io.backstory.reports.RecurrenceReportService;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;

/** The evidence on plan breadth: the gradient 0-5, survival curves, the adjusted model and its robustness. */
@Route("reports/breadth")
@Menu(order = 11, icon = "SPLIT", title = "nav.reports.breadth")
@RolesAllowed({"OWNER", "ADMIN"})
public class BreadthReportView extends ReportView {

    public BreadthReportView(RecurrenceReportService reports) {
        super(reports, "report.breadth.title", "report.breadth.intro", "title.breadthReport");
        addClassName("report-breadth");
    }

    @Override
    protected void render(RecurrenceReport report, Div content) {
        AnalysisReport a = report.analysis();
        content.add(breadthFigure(report, a), survivalFigure(a), atRiskTable(a), forestFigure(a), robustness(a));
    }

    private ChartFigure breadthFigure(RecurrenceReport report, AnalysisReport a) {
        List<String> categories = report.breadth().stream().map(b -> getTranslation("report.breadth.factors", b.breadth())).toList();
        ErrorBarsChart chart = new ErrorBarsChart();
        chart.setData(Charts.breadthBars(categories, getTranslation("report.chart.recurrence", within(a.horizonDays())),
                report.breadth().stream().map(RecurrenceReport.BreadthRow::rate).toList(), getTranslation("report.chart.breadth"),
                report.isolatedMaxBreadth()));
        Grid<RecurrenceReport.BreadthRow> grid = new Grid<>();
        grid.addColumn(RecurrenceReport.BreadthRow::breadth).setHeader(getTranslation("report.chart.breadth"));
        grid.addColumn(RecurrenceReport.BreadthRow::episodes).setHeader(getTranslation("table.discharged"));
        grid.addColumn(b -> b.rate().n()).setHeader(getTranslation("table.followed"));
        grid.addColumn(b -> b.rate().events()).setHeader(getTranslation("table.recurred"));
        grid.addColumn(b -> rateWithCi(b.rate())).setHeader(getTranslation("table.recurrenceCi")).setAutoWidth(true);
        grid.setItems(report.breadth());
        Charts.compact(grid);
        return new ChartFigure(getTranslation("report.breadth.bars.title", within(a.horizonDays())),
                getTranslation("report.breadth.bars.description", ratio(a.trend().chisq()), p(a.trend().p()),
                        a.isolatedMaxBreadth()), chart, grid,
                "recurrence-by-breadth");
    }

    private ChartFigure survivalFigure(AnalysisReport a) {
        String isolated = getTranslation("report.group.isolated", a.isolatedMaxBreadth());
        String multi = getTranslation("report.group.multi");
        SurvivalChart chart = new SurvivalChart();
        chart.setData(new Charts.SurvivalData(List.of(Charts.curve(isolated, Charts.ISOLATED, a.kmIsolated()),
                Charts.curve(multi, Charts.MULTI, a.kmMulti())), a.horizonDays(),
                getTranslation("report.chart.days"), getTranslation("report.chart.free")));
        chart.setHeight("380px");
        record Row(int day, String isolated, String multi) {
        }
        List<Row> rows = new ArrayList<>();
        for (int day : checkpoints(a.horizonDays())) {
            rows.add(new Row(day, survival(a.kmIsolated(), day), survival(a.kmMulti(), day)));
        }
        Grid<Row> grid = new Grid<>();
        grid.addColumn(Row::day).setHeader(getTranslation("report.chart.days"));
        grid.addColumn(Row::isolated).setHeader(isolated).setAutoWidth(true);
        grid.addColumn(Row::multi).setHeader(multi).setAutoWidth(true);
        grid.setItems(rows);
        Charts.compact(grid);
        return new ChartFigure(getTranslation("report.breadth.km.title"),
                getTranslation("report.breadth.km.description", ratio(a.logRank().chisq()), p(a.logRank().p())), chart, grid,
                "kaplan-meier");
    }

    private Div atRiskTable(AnalysisReport a) {
        record Row(String group, List<Integer> atRisk) {
        }
        List<Integer> days = checkpoints(a.horizonDays());
        List<Row> rows = List.of(
                new Row(getTranslation("report.group.isolated", a.isolatedMaxBreadth()), days.stream().map(d -> atRisk(a.kmIsolated(), d)).toList()),
                new Row(getTranslation("report.group.multi"), days.stream().map(d -> atRisk(a.kmMulti(), d)).toList()));
        Grid<Row> grid = new Grid<>();
        grid.addColumn(Row::group).setHeader(getTranslation("report.atRisk.group")).setAutoWidth(true);
        for (int i = 0; i < days.size(); i++) {
            int index = i;
            grid.addColumn(r -> r.atRisk().get(index)).setHeader(getTranslation("report.atRisk.day", days.get(i)));
        }
        grid.setItems(rows);
        Charts.compact(grid);
        grid.addClassName("at-risk-table");
        Div box = new Div(new H3(getTranslation("report.atRisk.title")), grid);
        box.addClassName("report-block");
        return box;
    }

    private ChartFigure forestFigure(AnalysisReport a) {
        List<Charts.ForestRow> rows = new ArrayList<>();
        for (ModelTerm t : a.cox().terms()) {
            rows.add(Charts.forestRow(getTranslation("term." + t.name()), t, "p " + p(t.p()), t.name().equals("multifactor")));
        }
        ForestChart chart = new ForestChart();
        chart.setData(new Charts.ForestData(rows, getTranslation("report.chart.hr")));
        chart.setHeight(Math.max(260, 60 + 28 * rows.size()) + "px");
        Grid<ModelTerm> grid = new Grid<>();
        grid.addColumn(t -> getTranslation("term." + t.name())).setHeader(getTranslation("table.term")).setAutoWidth(true);
        grid.addColumn(t -> ratio(t.ratio())).setHeader(getTranslation("table.hr"));
        grid.addColumn(t -> ratio(t.lower()) + " to " + ratio(t.upper())).setHeader(getTranslation("table.ci"));
        grid.addColumn(t -> p(t.p())).setHeader("p");
        grid.setItems(a.cox().terms());
        Charts.compact(grid);
        return new ChartFigure(getTranslation("report.breadth.forest.title"),
                getTranslation("report.breadth.forest.description", a.cox().n(), a.cox().events()), chart, grid, "cox-forest");
    }

    private Div robustness(AnalysisReport a) {
        ModelTerm withVisits = a.coxWithVisits().terms().stream().filter(t -> t.name().equals("multifactor")).findFirst().orElse(null);
        Div box = new Div(new H3(getTranslation("report.robust.title")),
                a.iptw() == null ? new Paragraph(getTranslation("report.robust.iptw.none"))
                        : new Paragraph(getTranslation("report.robust.iptw", ratio(a.iptw().hr()), ratio(a.iptw().lower()),
                        ratio(a.iptw().upper()), ratio(a.iptw().minWeight()), ratio(a.iptw().maxWeight()))),
                new Paragraph(getTranslation("report.robust.evalue", ratio(a.eValue().point()), ratio(a.eValue().ci()))),
                new Paragraph(withVisits == null ? getTranslation("report.robust.visits.none")
                        : getTranslation("report.robust.visits", ratio(withVisits.ratio()), ratio(withVisits.lower()), ratio(withVisits.upper()))),
                new Paragraph(getTranslation("report.robust.mdhr", ratio(a.minDetectableHr()), a.cox().events(),
                        percent(a.followUpCompleteness()))));
        box.addClassNames("report-block", "robustness");
        return box;
    }

    private static List<Integer> checkpoints(int horizon) {
        List<Integer> days = new ArrayList<>(List.of(0, 30, 90, 180, 270, 365, 545, 730, 1095, 1460, 1825));
        days.removeIf(d -> d > horizon);
        if (!days.contains(horizon)) {
            days.add(horizon);
        }
        return days;
    }

    private static String survival(SurvivalCurve c, int day) {
        return percent(c.survivalAt(day)) + " (" + percent(c.lowerAt(day)) + " to " + percent(c.upperAt(day)) + ")";
    }

    /** Number still followed and free of recurrence just before the day (R's summary(survfit, times) n.risk). */
    private static int atRisk(SurvivalCurve c, int day) {
        for (int i = 0; i < c.time().length; i++) {
            if (c.time()[i] >= day) {
                return c.nRisk()[i];
            }
        }
        return 0;
    }
}
