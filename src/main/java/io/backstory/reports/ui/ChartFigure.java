package io.backstory.reports.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A chart as an accessible figure: a heading and a caption that say what it shows, the chart (its
 * aria-label repeats both), a toggle to the same numbers as a table, and a PNG download.
 */
class ChartFigure extends Div {

    private static final AtomicLong IDS = new AtomicLong();

    ChartFigure(String title, String description, Chart chart, Component table, String fileName) {
        addClassName("chart-figure");
        String id = "figure-" + IDS.incrementAndGet();
        H3 heading = new H3(title);
        heading.setId(id);
        getElement().setAttribute("role", "figure");
        getElement().setAttribute("aria-labelledby", id);
        Paragraph caption = new Paragraph(description);
        caption.addClassName("muted");
        chart.setAccessibleName(title + ". " + description);
        // Screen readers get the chart's numbers from its table view: the image is described by the caption and the
        // table (a hidden table still counts for aria-describedby), and the toggle says which region it opens.
        caption.setId(id + "-caption");
        table.setId(id + "-table");
        chart.getElement().setAttribute("role", "img");
        chart.getElement().setAttribute("aria-describedby", id + "-caption " + id + "-table");
        table.setVisible(false);
        Button toggle = new Button(getTranslation("chart.showTable"), VaadinIcon.TABLE.create());
        toggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        toggle.getElement().setAttribute("aria-controls", id + "-table");
        toggle.getElement().setAttribute("aria-expanded", "false");
        toggle.addClickListener(e -> {
            boolean showTable = !table.isVisible();
            toggle.getElement().setAttribute("aria-expanded", String.valueOf(showTable));
            table.setVisible(showTable);
            chart.setVisible(!showTable);
            toggle.setText(getTranslation(showTable ? "chart.showChart" : "chart.showTable"));
            toggle.setIcon(showTable ? VaadinIcon.CHART.create() : VaadinIcon.TABLE.create());
        });
        Button png = new Button(getTranslation("chart.downloadPng"), VaadinIcon.DOWNLOAD.create(),
                e -> chart.downloadPng(fileName + ".png"));
        png.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        HorizontalLayout tools = new HorizontalLayout(toggle, png);
        tools.addClassName("chart-tools");
        tools.setSpacing(false);
        add(heading, caption, tools, chart, table);
    }
}
