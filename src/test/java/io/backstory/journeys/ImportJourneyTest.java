package io.backstory.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.backstory.BackstoryTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 13's closing journey: the demo owner imports the example files with two bad rows, the dry run shows
 * both, the fixed files pass and commit; the patients appear in the worklist and the report's count of
 * discharged episodes grows by the five the files discharge. A screenshot of every step at 1280 px.
 */
@BackstoryTest
class ImportJourneyTest {

    private static final List<String> FILES = List.of("patients.csv", "episodes.csv", "visits.csv", "measures.csv", "checkins.csv",
            "recurrences.csv");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldImportTheExampleFilesAfterFixingTwoBadRows() throws Exception {
        long clinicId = jdbc.sql("select clinic_id from user_account where username = 'owner'").query(Long.class).single();
        int reportBefore = jdbc.sql("select count(*) from report_episode where clinic_id = ?").param(clinicId).query(Integer.class).single();
        Path good = Files.createTempDirectory("import-good");
        Path bad = Files.createTempDirectory("import-bad");
        for (String name : FILES) {
            Files.copy(Path.of("docs/import-example", name), good.resolve(name));
            Files.copy(Path.of("docs/import-example", name), bad.resolve(name));
        }
        replaceLine(bad.resolve("visits.csv"), 3, "V-3002,E-2001,2025-01-13,Theo Marsh,300,5,97140|97010,");
        replaceLine(bad.resolve("episodes.csv"), 4, "E-2003,P-1003,Theo Marsh,Riverside,2025-03-10,10/04/2025,SELF_DISCHARGED,ACUTE,0");

        try (Browser browser = Browser.signedInToDemo(port, "owner")) {
            browser.open("/import");
            browser.page.locator("vaadin-upload").waitFor();
            assertThat(Files.size(browser.screenshot("import-1-upload"))).isPositive();

            upload(browser, bad);
            assertThat(Files.size(browser.screenshot("import-2-map-columns"))).isPositive();
            browser.page.locator("vaadin-grid").first().scrollIntoViewIfNeeded();
            assertThat(Files.size(browser.screenshot("import-3-map-codes"))).isPositive();

            browser.page.locator("vaadin-button", new com.microsoft.playwright.Page.LocatorOptions().setHasText("Run the dry run")).click();
            assertThat(browser.page.getByText("must be between 5 and 240, was 300")).isVisible();
            assertThat(browser.page.getByText("must be a date like 2024-03-31 (ISO 8601), was '10/04/2025'")).isVisible();
            assertThat(browser.page.getByText("2 problems found")).isVisible();
            assertThat(Files.size(browser.screenshot("import-4-dry-run-problems"))).isPositive();

            upload(browser, good);
            browser.page.locator("vaadin-button", new com.microsoft.playwright.Page.LocatorOptions().setHasText("Run the dry run")).click();
            assertThat(browser.page.getByText("Dry run: no problems.")).isVisible();
            assertThat(Files.size(browser.screenshot("import-4-dry-run-passed"))).isPositive();

            browser.page.locator("vaadin-button", new com.microsoft.playwright.Page.LocatorOptions().setHasText("Commit the import")).click();
            assertThat(browser.page.getByText("Imported 6 patients")).isVisible(
                    new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
            assertThat(Files.size(browser.screenshot("import-5-committed"))).isPositive();

            browser.open("/patients");
            Locator search = browser.page.locator("vaadin-text-field input").first();
            search.fill("Okoye");
            assertThat(browser.page.getByText("Okoye").first()).isVisible();
            assertThat(Files.size(browser.screenshot("import-6-worklist"))).isPositive();
        }
        int reportAfter = jdbc.sql("select count(*) from report_episode where clinic_id = ?").param(clinicId).query(Integer.class).single();
        assertThat(reportAfter).as("the five discharged episodes of the files join the report").isEqualTo(reportBefore + 5);
    }

    private static void upload(Browser browser, Path dir) {
        browser.page.locator("vaadin-upload input[type=file]").setInputFiles(FILES.stream().map(dir::resolve).toArray(Path[]::new));
        Locator start = browser.page.locator("vaadin-button", new com.microsoft.playwright.Page.LocatorOptions()
                .setHasText("Start an import with these files"));
        Locator received = browser.page.locator(".import-received");
        browser.page.waitForCondition(() -> FILES.stream().allMatch(f -> received.textContent().contains(f)),
                new com.microsoft.playwright.Page.WaitForConditionOptions().setTimeout(60_000));
        start.click();
        browser.page.getByText("Uploaded:").first().waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
    }

    private static void replaceLine(Path file, int line, String replacement) throws Exception {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.set(line - 1, replacement);
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
