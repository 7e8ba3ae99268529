package io.backstory.visits.ui;

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

        add(cell("", "coverage-corner"));
        strip.visits().forEach(v -> add(cell(Formats.shortDate(v.date()), "coverage-date")));
        add(cell(getTranslation("coverage.visits"), "coverage-count-head"));
        for (Factor factor : Factor.values()) {
            String key = factor.name().toLowerCase(Locale.ROOT);
            Div label = cell(getTranslation("factor." + key + ".short"), "coverage-factor");
            label.getElement().setAttribute("title", getTranslation(factor.labelKey()));
            add(label);
            long count = 0;
            for (CoverageStrip.Column visit : strip.visits()) {
                boolean on = visit.factors().contains(factor);
                Div c = cell("", "coverage-cell");
                if (on) {
                    c.addClassNames("on", "factor-bg-" + key);
                    count++;
                }
                c.getElement().setAttribute("title", getTranslation(factor.labelKey()) + " · "
                        + Formats.date(visit.date()) + (on ? " ✓" : ""));
                add(c);
            }
            add(cell(String.valueOf(count), "coverage-count"));
        }
    }

    private static Div cell(String text, String className) {
        Div div = new Div(new Span(text));
        div.addClassName(className);
        return div;
    }
}
