package io.backstory.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import io.backstory.BackstoryTest;
import io.backstory.analytics.AnalysisCsv;
import io.backstory.analytics.AnalysisEpisode;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The demo owner opens every report view in Chromium; each chart must draw (a canvas) and a screenshot is saved. */
@BackstoryTest
class ReportJourneyTest {

    private static final Map<String, String> VIEWS = Map.of(
            "reports", "report-overview",
            "reports/breadth", "report-breadth",
            "reports/factors", "report-factors",
            "reports/therapists", "report-therapists",
            "reports/trends", "report-trends");

    @LocalServerPort
    int port;

    @Test
    void shouldShowEveryReportViewWithItsChartsToTheDemoOwner() throws Exception {
        try (Browser browser = Browser.signedInToDemo(port, "owner")) {
            for (String path : new String[] {"reports", "reports/breadth", "reports/factors", "reports/therapists", "reports/trends"}) {
                browser.open("/" + path);
                Locator view = browser.page.locator("." + VIEWS.get(path));
                assertThat(view).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
                // The first visit computes in the background: wait for the figures, then for ECharts' canvases.
                assertThat(view.locator(".chart-figure").first()).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
                Locator canvases = view.locator(".chart-figure canvas");
                assertThat(canvases.first()).isVisible();
                browser.page.waitForTimeout(400);
                assertThat(Files.size(browser.screenshot(path.replace('/', '-')))).isPositive();
                // The app scrolls inside its layout: save each figure too, so every chart can be looked at.
                Locator figures = view.locator(".chart-figure, .verdict-card, .report-block");
                for (int i = 0; i < figures.count(); i++) {
                    figures.nth(i).screenshot(new Locator.ScreenshotOptions()
                            .setPath(Browser.SCREENSHOTS.resolve(path.replace('/', '-') + "-" + (i + 1) + ".png")));
                }
            }
            browser.open("/reports");
            assertThat(browser.page.locator(".verdict-card")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
            // The whole verdict card at 1280 wide (issue 10): the app scrolls inside its layout, so give the page room.
            browser.page.setViewportSize(1280, 3000);
            browser.page.waitForTimeout(400);
            browser.page.locator(".verdict-card").screenshot(new Locator.ScreenshotOptions()
                    .setPath(Browser.SCREENSHOTS.resolve("verdict-card.png")));
            assertThat(browser.page.locator(".verdict-card .verdict-numbers li").count()).isGreaterThanOrEqualTo(8);
            browser.page.setViewportSize(1280, 800);
            Download pdf = browser.page.waitForDownload(() -> browser.page.locator(".report-export").first().click());
            byte[] head = Files.readAllBytes(pdf.path());
            assertThat(new String(head, 0, 5)).isEqualTo("%PDF-");
            Files.copy(pdf.path(), Browser.SCREENSHOTS.resolve("report.pdf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            // The CSV opens as the DESIGN §4 dataset: its header and one row per discharged episode of the report.
            Download csv = browser.page.waitForDownload(() -> browser.page.locator(".report-export").nth(1).click());
            assertThat(csv.suggestedFilename()).endsWith(".csv");
            List<AnalysisEpisode> rows = AnalysisCsv.read(Files.newBufferedReader(csv.path()));
            // The second KPI card: discharged episodes in the report.
            String discharged = browser.page.locator(".kpi-card .kpi-value").nth(1).innerText().replaceAll("[^0-9]", "");
            assertThat(rows).hasSize(Integer.parseInt(discharged));
            // Issue 10 item 1 end to end: the de-identified export carries opaque therapist and location codes, and
            // the analyze command on it reaches the verdict the card shows.
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.therapistId()).matches("T[0-9]+");
                assertThat(r.locationId()).matches("L[0-9]+");
            });
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int code = io.backstory.analytics.AnalyzeCommand.run(new String[] {csv.path().toString(), "--json"},
                    new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), System.err);
            assertThat(code).isZero();
            String verdict = new tools.jackson.databind.ObjectMapper().readTree(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .get("verdict").get("code").asString();
            java.util.ResourceBundle labels = java.util.ResourceBundle.getBundle("vaadin-i18n/translations", java.util.Locale.ENGLISH);
            assertThat(browser.page.locator(".verdict-answer").innerText()).isEqualTo(labels.getString("report.verdict." + verdict));
            Download png = browser.page.waitForDownload(() -> browser.page.locator(".chart-figure vaadin-button").nth(1).click());
            assertThat(png.suggestedFilename()).endsWith(".png");
            assertThat(Files.size(png.path())).isGreaterThan(1000);
        }
    }

    @Test
    void shouldKeepATherapistAwayFromTheReport() throws Exception {
        try (Browser browser = Browser.signedInToDemo(port, "therapist")) {
            browser.open("/reports");
            assertThat(browser.page.locator(".report-view")).hasCount(0);
            browser.screenshot("reports-therapist-denied");
        }
    }
}
