package io.backstory.care.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.backstory.base.ui.Formats;
import io.backstory.visits.CoverageStrip;
import io.backstory.visits.Factor;
import java.util.Locale;

/**
 * Factors (rows) by visits (columns): a filled cell is a factor addressed at that visit. A plan's breadth shows as
 * the number of rows with colour in them; an isolated plan is a single coloured row.
 */
public class CoverageStripView extends Div {

    public CoverageStripView(CoverageStrip strip) {
        addClassName("coverage-strip");
        int columns = strip.visits().size();
        getStyle().set("--visits", String.valueOf(Math.max(columns, 1)));
        getElement().setAttribute("role", "table");
        getElement().setAttribute("aria-label", getTranslation("coverage.aria", strip.breadth(), columns));

        // An ARIA table needs rows: each row is a "display: contents" wrapper, so the CSS grid still lays out the cells.
        Div head = row();
        head.add(cell("", "coverage-corner", "columnheader"));
        strip.visits().forEach(v -> head.add(cell(Formats.shortDate(v.date()), "coverage-date", "columnheader")));
        head.add(cell(getTranslation("coverage.visits"), "coverage-count-head", "columnheader"));
        add(head);
        for (Factor factor : Factor.values()) {
            String key = factor.name().toLowerCase(Locale.ROOT);
            Div row = row();
            Div label = cell(getTranslation(factor.shortLabelKey()), "coverage-factor", "rowheader");
            label.getElement().setAttribute("title", getTranslation(factor.labelKey()));
            row.add(label);
            long count = 0;
            for (CoverageStrip.Column visit : strip.visits()) {
                boolean on = visit.factors().contains(factor);
                Div c = cell("", "coverage-cell", "cell");
                Span said = new Span(getTranslation(on ? "coverage.cell.on" : "coverage.cell.off"));
                said.addClassName("sr-only");
                c.add(said);
                if (on) {
                    c.addClassNames("on", "factor-bg-" + key);
                    count++;
                }
                c.getElement().setAttribute("title", getTranslation(factor.labelKey()) + " · "
                        + Formats.date(visit.date()) + (on ? " ✓" : ""));
                row.add(c);
            }
            row.add(cell(String.valueOf(count), "coverage-count", "cell"));
            add(row);
        }
    }

    private static Div row() {
        Div row = new Div();
        row.addClassName("coverage-row");
        row.getElement().setAttribute("role", "row");
        return row;
    }

    private static Div cell(String text, String className, String role) {
        Div div = new Div(new Span(text));
        div.addClassName(className);
        div.getElement().setAttribute("role", role);
        return div;
    }
}
