package io.backstory.reports.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.dependency.NpmPackage;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the ECharts web components in frontend/charts: the Java side only hands over the chart's
 * compact data as JSON (the component builds the ECharts option) and asks for a PNG download.
 */
@NpmPackage(value = "echarts", version = "6.0.0")
abstract class Chart extends Component {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    Chart() {
        getElement().getStyle().set("display", "block");
        getElement().getStyle().set("width", "100%");
        getElement().getStyle().set("height", "360px");
    }

    /** The chart's data (records, lists, maps; non-finite numbers must already be null). */
    void setData(Object data) {
        getElement().setProperty("data", JSON.writeValueAsString(data));
    }

    void setAccessibleName(String name) {
        getElement().setAttribute("aria-label", name);
    }

    void downloadPng(String filename) {
        getElement().callJsFunction("downloadPng", filename);
    }

    void setHeight(String height) {
        getElement().getStyle().set("height", height);
    }

    /** JSON has no NaN or infinity: missing estimates travel as null. */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
