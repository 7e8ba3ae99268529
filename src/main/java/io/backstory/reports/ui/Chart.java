package io.backstory.reports.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.dependency.NpmPackage;
import io.backstory.reports.ChartStyle;
import io.backstory.reports.ReportWords;
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

    /**
     * The chart's data (records, lists, maps; non-finite numbers must already be null), with the report's
     * palette under {@code style}: the components draw in {@link ChartStyle}'s colours, as the PDF does.
     */
    void setData(Object data) {
        tools.jackson.databind.node.ObjectNode json = JSON.valueToTree(data);
        json.set("style", JSON.valueToTree(ChartStyle.forScreen()));
        json.set("words", JSON.valueToTree(words(ReportText.words())));
        getElement().setProperty("data", JSON.writeValueAsString(json));
    }

    /**
     * The words the components put in legends and tooltips, from the translations file as the PDF's are
     * (patterns with {0} placeholders, filled in the browser), and the language for the decimal mark.
     */
    private static java.util.Map<String, String> words(ReportWords w) {
        java.util.Map<String, String> words = new java.util.LinkedHashMap<>();
        words.put("locale", w.locale().toLanguageTag());
        words.put("na", w.get("pdf.na"));
        words.put("rateCi", w.get("pdf.rateCi"));
        words.put("limits95", w.get("pdf.chart.limits95"));
        words.put("limits998", w.get("pdf.chart.limits998"));
        for (String key : java.util.List.of("ratioCi", "clinicRate", "therapists", "episodesOf", "meanBreadth", "noEffect", "band")) {
            words.put(key, w.get("chart.word." + key));
        }
        return words;
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
