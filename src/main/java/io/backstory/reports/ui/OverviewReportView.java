package io.backstory.reports.ui;

import io.backstory.analytics.AnalysisNotes;
import io.backstory.base.ui.Formats;
import static io.backstory.reports.ui.ReportText.percent;
import static io.backstory.reports.ui.ReportText.rateWithCi;
import static io.backstory.reports.ui.ReportText.ratio;
import static io.backstory.reports.ui.ReportText.within;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.backstory.analytics.AnalysisReport;
import io.backstory.analytics.ModelTerm;
import io.backstory.analytics.ProportionEstimate;
import io.backstory.reports.RecurrenceReport;
import io.backstory.reports.RecurrenceReportService;
import io.backstory.reports.VerdictFigures;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The answer first: "Do multi-factor plans go with fewer recurrences here?", then every check behind it. */
@Route("reports")
@Menu(order = 10, icon = "CHART", title = "nav.reports.overview")
@RolesAllowed({"OWNER", "ADMIN"})
public class OverviewReportView extends ReportView {

    public OverviewReportView(RecurrenceReportService reports) {
        super(reports, "report.overview.title", "report.overview.intro", "title.overviewReport");
        addClassName("report-overview");
    }

    @Override
    protected void render(RecurrenceReport report, Div content) {
        AnalysisReport a = report.analysis();
        RecurrenceReport.Kpis k = report.kpis();
        Div cards = new Div(
                card(String.format(Formats.locale(), "%,d", k.activeEpisodes()), getTranslation("report.kpi.active"), null),
                card(String.format(Formats.locale(), "%,d", k.dischargedInPeriod()), getTranslation("report.kpi.discharged"), null),
                card(percent(k.followUpCompleteness()), getTranslation("report.kpi.followUp"),
                        getTranslation("report.kpi.followUp.hint")),
                card(percent(k.recurrence().rate()), getTranslation("report.kpi.recurrence", within(report.horizonDays())),
                        getTranslation("report.kpi.ci", percent(k.recurrence().lower()), percent(k.recurrence().upper()))));
        cards.addClassName("kpi-grid");
        content.add(cards, verdictCard(report, a), ratesFigure(a));
        if (!report.followUpChannels().isEmpty()) {
            content.add(channelsBlock(report.followUpChannels()));
        }
    }

    /** Issue 12: follow-up completeness by channel (email reply, staff call, new episode) and plan group. */
    private Div channelsBlock(java.util.List<RecurrenceReport.ChannelRow> rows) {
        com.vaadin.flow.component.html.NativeTable table = new com.vaadin.flow.component.html.NativeTable();
        com.vaadin.flow.component.html.NativeTableRow head = new com.vaadin.flow.component.html.NativeTableRow();
        for (String key : new String[] {"report.channels.group", "report.channels.due", "report.channels.email",
                "report.channels.call", "report.channels.newEpisode", "report.channels.missing", "report.channels.complete"}) {
            head.add(new com.vaadin.flow.component.html.NativeTableHeaderCell(getTranslation(key)));
        }
        table.getHead().add(head);
        com.vaadin.flow.component.html.NativeTableBody body = table.addBody();
        for (RecurrenceReport.ChannelRow r : rows) {
            com.vaadin.flow.component.html.NativeTableRow row = new com.vaadin.flow.component.html.NativeTableRow();
            row.addClassName("channel-" + r.planGroup().toLowerCase(Locale.ROOT));
            row.add(new com.vaadin.flow.component.html.NativeTableCell(getTranslation("report.channels." + r.planGroup())));
            for (String v : new String[] {String.valueOf(r.due()), String.valueOf(r.email()), String.valueOf(r.call()),
                    String.valueOf(r.newEpisode()), String.valueOf(r.missing()), percent(r.completeness())}) {
                row.add(new com.vaadin.flow.component.html.NativeTableCell(v));
            }
            body.add(row);
        }
        table.addClassName("channels-table");
        Div block = new Div(new com.vaadin.flow.component.html.H3(getTranslation("report.channels.title")),
                new com.vaadin.flow.component.html.Paragraph(getTranslation("report.channels.intro")), table);
        block.addClassNames("report-block", "follow-up-channels");
        return block;
    }

    private Div verdictCard(RecurrenceReport report, AnalysisReport a) {
        Div card = new Div();
        card.addClassNames("verdict-card", "verdict-" + a.verdict().code().name().toLowerCase(Locale.ROOT));
        H3 question = new H3(getTranslation("report.verdict.question"));
        Span answer = new Span(getTranslation("report.verdict." + a.verdict().code().name()));
        answer.addClassName("verdict-answer");
        String horizon = within(a.horizonDays());
        String[] pair = ReportText.oneInPair(a.isolatedRate().rate(), a.multiRate().rate());
        Paragraph plain = new Paragraph(getTranslation("report.verdict.plain", pair[0], horizon, pair[1]));
        plain.addClassName("verdict-plain");
        UnorderedList numbers = new UnorderedList();
        VerdictFigures.lines(a, getLocale(), this::getTranslation).forEach(line -> numbers.add(new ListItem(line)));
        numbers.addClassName("verdict-numbers");
        Paragraph sentence = new Paragraph(a.verdict().sentence(getLocale()));
        sentence.addClassName("verdict-sentence");
        card.add(question, answer, plain, sentence);
        if (!a.verdict().reasonWordings().isEmpty()) {
            UnorderedList reasons = new UnorderedList();
            a.verdict().reasons(getLocale()).forEach(r -> reasons.add(new ListItem(r)));
            reasons.addClassName("verdict-reasons");
            Span heading = new Span(getTranslation("report.verdict.reasons"));
            heading.addClassName("verdict-list-heading");
            card.add(heading, reasons);
        }
        Span checks = new Span(getTranslation("report.verdict.checks"));
        checks.addClassName("verdict-list-heading");
        card.add(checks, numbers);
        List<String> notes = new ArrayList<>(a.verdict().warnings(getLocale()));
        a.warnings().forEach(w -> notes.add(AnalysisNotes.in(w, getLocale())));
        if (!notes.isEmpty()) {
            UnorderedList caveats = new UnorderedList();
            notes.forEach(w -> caveats.add(new ListItem(w)));
            caveats.addClassName("verdict-caveats");
            Span heading = new Span(getTranslation("report.verdict.caveats"));
            heading.addClassName("verdict-list-heading");
            card.add(heading, caveats);
        }
        return card;
    }

    private ChartFigure ratesFigure(AnalysisReport a) {
        String isolated = getTranslation("report.group.isolated", a.isolatedMaxBreadth());
        String multi = getTranslation("report.group.multi");
        List<ProportionEstimate> rates = List.of(a.isolatedRate(), a.multiRate());
        ErrorBarsChart chart = new ErrorBarsChart();
        chart.setData(Charts.planBars(List.of(isolated, multi), getTranslation("report.chart.recurrence", within(a.horizonDays())), rates,
                getTranslation("report.chart.plan")));
        chart.setHeight("300px");
        Grid<Charts.NamedRate> grid = Charts.rateGrid(getTranslation("report.chart.plan"),
                List.of(new Charts.NamedRate(isolated, a.isolatedRate()), new Charts.NamedRate(multi, a.multiRate())));
        return new ChartFigure(getTranslation("report.overview.rates.title", within(a.horizonDays())),
                getTranslation("report.overview.rates.description", ReportText.p(a.twoByTwo().fisherP())), chart, grid, "recurrence-by-plan");
    }

    private Div card(String value, String label, String hint) {
        Span number = new Span(value);
        number.addClassName("kpi-value");
        Span text = new Span(label);
        text.addClassName("kpi-label");
        Div card = new Div(number, text);
        if (hint != null) {
            Span small = new Span(hint);
            small.addClassName("kpi-hint");
            card.add(small);
        }
        card.addClassName("kpi-card");
        return card;
    }
}
