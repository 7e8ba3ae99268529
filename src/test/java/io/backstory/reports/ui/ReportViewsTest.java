package io.backstory.reports.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.ComboBoxTester;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import io.backstory.BackstoryTest;
import io.backstory.reports.RecurrenceReport;
import io.backstory.reports.RecurrenceReportService;
import io.backstory.reports.ReportFilter;
import io.backstory.reports.ReportOptions;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

/**
 * The report views without a browser. Reports are computed once through the service first, so the
 * views find them in the cache and render synchronously (the background path is covered by the
 * Playwright journey).
 */
@BackstoryTest
class ReportViewsTest extends SpringBrowserlessTest {

    @Autowired
    RecurrenceReportService reports;

    @Test
    @WithUserDetails("owner")
    void shouldShowTheVerdictAndTheKpisToTheOwner() {
        RecurrenceReport report = reports.report(ReportFilter.all());
        navigate(OverviewReportView.class);
        assertThat($(com.vaadin.flow.component.html.Div.class).withClassName("verdict-card").single().isVisible()).isTrue();
        assertThat(kpiValues()).contains(String.format(Locale.ENGLISH, "%,d", report.kpis().dischargedInPeriod()));
        assertThat($(ErrorBarsChart.class).all()).hasSize(1);
    }

    @Test
    @WithUserDetails("owner")
    void shouldShowTheSameVerdictAndReasonsAsTheJsonOnTheVerdictCard() {
        RecurrenceReport report = reports.report(ReportFilter.all());
        tools.jackson.databind.JsonNode json = new tools.jackson.databind.ObjectMapper().readTree(reports.exportJson(ReportFilter.all()));
        java.util.List<String> jsonReasons = new java.util.ArrayList<>();
        json.get("verdict").get("reasons").forEach(r -> jsonReasons.add(r.asString()));

        navigate(OverviewReportView.class);

        String answer = $(Span.class).withClassName("verdict-answer").single().getText();
        assertThat(answer).isEqualTo(getTranslation("report.verdict." + json.get("verdict").get("code").asString()));
        assertThat(jsonReasons).isEqualTo(report.analysis().verdict().reasons());
        java.util.List<String> shown = $(com.vaadin.flow.component.html.UnorderedList.class).withClassName("verdict-reasons")
                .all().stream().flatMap(ul -> ul.getChildren())
                .map(li -> li.getElement().getText()).toList();
        assertThat(shown).isEqualTo(jsonReasons);
        // every check's figures are on the card, the IPTW balance and the follow-up by group among them
        String figures = $(com.vaadin.flow.component.html.UnorderedList.class).withClassName("verdict-numbers").single()
                .getElement().getTextRecursively();
        assertThat(figures).contains("Propensity-weighted", "largest standardised difference", "Followed to the horizon",
                "lost to follow-up (IPCW)", "Schoenfeld");
    }

    /** Issue 16: a Spanish-speaking owner reads the whole verdict card in Spanish, no English verdict sentence left. */
    @Test
    @WithUserDetails("owner")
    void shouldShowTheVerdictCardInSpanishToASpanishOwner() throws java.io.IOException {
        Locale spanish = Locale.of("es");
        RecurrenceReport report = reports.report(ReportFilter.all());
        UI.getCurrent().setLocale(spanish);

        navigate(OverviewReportView.class);

        String card = $(com.vaadin.flow.component.html.Div.class).withClassName("verdict-card").single()
                .getElement().getTextRecursively();
        assertThat(card).contains(getTranslation("report.verdict." + report.analysis().verdict().code().name()),
                report.analysis().verdict().sentence(spanish), "Las comprobaciones detrás de la respuesta");
        report.analysis().verdict().reasons(spanish).forEach(reason -> assertThat(card).contains(reason));
        report.analysis().verdict().warnings(spanish).forEach(warning -> assertThat(card).contains(warning));
        assertThat(card).contains(String.format(spanish, "%.2f", report.analysis().adjustedEffect().ratio()));
        assertThat(io.backstory.reports.EnglishVerdictText.pieces()).allSatisfy(english ->
                assertThat(card).as("English left on the Spanish verdict card").doesNotContain(english));
    }

    private String getTranslation(String key) {
        return UI.getCurrent().getTranslation(key);
    }

    @Test
    @WithUserDetails("admin")
    void shouldNarrowTheReportWhenALocationIsChosen() {
        ReportOptions options = reports.options();
        ReportOptions.Option location = options.locations().getFirst();
        RecurrenceReport narrowed = reports.report(ReportFilter.all().withLocation(location.id()));
        reports.report(ReportFilter.all());
        navigate(OverviewReportView.class);
        @SuppressWarnings("unchecked")
        ComboBox<ReportOptions.Option> box = $(ComboBox.class).withCaption("Location").single();
        new ComboBoxTester<>(box).selectItem(location.name());
        assertThat(kpiValues()).contains(String.format(Locale.ENGLISH, "%,d", narrowed.kpis().dischargedInPeriod()));
        // The choice is kept for the next view.
        navigate(TrendsReportView.class);
        assertThat($(ComboBox.class).withCaption("Location").single().getValue()).isEqualTo(location);
    }

    @Test
    @WithUserDetails("owner")
    void shouldRefuseAHorizonOutsideTheAllowedRange() {
        reports.report(ReportFilter.all());
        navigate(BreadthReportView.class);
        IntegerField horizon = $(IntegerField.class).single();
        horizon.setValue(5);
        assertThat(horizon.isInvalid()).isTrue();
        assertThat(horizon.getErrorMessage()).contains("between 30 and 1825");
    }

    @Test
    @WithUserDetails("owner")
    void shouldRenderEveryReportView() {
        reports.report(ReportFilter.all());
        navigate(BreadthReportView.class);
        assertThat($(SurvivalChart.class).all()).hasSize(1);
        assertThat($(ForestChart.class).all()).hasSize(1);
        navigate(FactorsReportView.class);
        assertThat($(ForestChart.class).all()).hasSize(1);
        navigate(TherapistsReportView.class);
        assertThat($(FunnelChart.class).all()).hasSize(1);
        navigate(TrendsReportView.class);
        assertThat($(LinesChart.class).all()).hasSize(1);
    }

    @Test
    @WithUserDetails("therapist")
    void shouldKeepTherapistsOutOfTheReport() {
        assertThatThrownBy(() -> navigate(OverviewReportView.class)).isInstanceOf(Exception.class);
        assertThat(UI.getCurrent().getCurrentView()).isNotInstanceOf(ReportView.class);
    }

    private java.util.List<String> kpiValues() {
        return $(Span.class).withClassName("kpi-value").all().stream().map(Span::getText).toList();
    }
}
