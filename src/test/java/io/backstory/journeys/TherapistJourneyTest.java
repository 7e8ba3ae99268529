package io.backstory.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.backstory.journeys.Browser.button;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.backstory.BackstoryTest;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The therapist's workflow of issue 3 in real Chromium: create a patient, open an episode with baseline measures,
 * log three visits with different factors by keyboard, discharge, record a 3-month check-in that finds a recurrence,
 * and see it on the episode. Each view is saved at 1280 × 800 and at tablet size (1024 × 768) under target/screenshots.
 */
@BackstoryTest
class TherapistJourneyTest {

    @LocalServerPort
    int port;

    private final LocalDate today = LocalDate.now();

    @Test
    void shouldTakeAPatientFromIntakeThroughDischargeToARecurrenceFoundAtTheThreeMonthCheckIn() throws Exception {
        try (Browser browser = Browser.signedInToDemo(port, "therapist")) {
            Page page = browser.page;

            browser.open("/patients");
            assertThat(page.locator(".patients-view vaadin-grid")).isVisible();
            shots(browser, "patients");

            browser.press("New patient");
            page.getByLabel("First name").fill("Ada");
            page.getByLabel("Last name").fill("Journeywoman");
            browser.pickDate(page.getByLabel("Date of birth"), "1971-04-12");
            page.getByLabel("Phone").fill("+44 20 7946 0000");
            shots(browser, "patient-new");
            choose(page, "vaadin-radio-button", "Female");
            browser.press("Save patient");

            assertThat(page.locator(".patient-view h2")).hasText("Ada Journeywoman");
            browser.pickDate(page.getByLabel("Start date"), today.minusDays(120).toString());
            choose(page, "vaadin-radio-button", "Chronic (over 12 weeks)");
            page.getByLabel("Prior episodes of back pain").fill("2");
            page.getByLabel("NPRS Total").fill("7");
            page.getByLabel("ODI item answers").fill("3,2,2,3,2,2,2,,3,2");
            page.getByLabel("FABQ item answers").fill("1,4,5,6,3,2,2,0,2,2,2,2,0,0,2,0");
            page.getByLabel("TSK-11 Total").fill("30");
            page.getByLabel("STarT Back item answers").fill("110101101");
            assertThat(page.locator(".measure-result").nth(1)).containsText("46.7 %");
            shots(browser, "patient-intake");
            browser.press("Open episode");

            assertThat(page.locator(".episode-view")).isVisible();
            assertThat(page.locator(".callout-nudge").first()).containsText("FABQ-PA 18");
            shots(browser, "episode-new");

            logVisit(browser, today.minusDays(118), new String[] {"Movement patterns & variability"}, "6", "visit-1");
            logVisit(browser, today.minusDays(110), new String[] {"Strength & load tolerance"}, "4", "visit-2");
            logVisit(browser, today.minusDays(100), new String[] {"Stress, fear & beliefs", "Recovery & conditioning"}, "2", "visit-3");

            assertThat(page.locator(".coverage-cell.on")).hasCount(7);   // 1, then 2, then 4 factors: each visit starts from the previous plan
            assertThat(page.locator(".callout-nudge")).hasCount(0);
            shots(browser, "episode-plan");

            page.locator(".episode-view vaadin-button.discharge").click();
            browser.pickDate(page.getByLabel("Discharge date"), today.minusDays(95).toString());
            page.getByLabel("NPRS Total").fill("1");
            page.getByLabel("ODI Total %").fill("8");
            shots(browser, "discharge");
            browser.press("Discharge and schedule follow-ups");
            assertThat(page.locator(".episode-view .pill").first()).containsText("Discharged");
            assertThat(page.locator(".follow-up-row")).hasCount(4);

            browser.open("/follow-ups");
            Locator row = page.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText("Ada Journeywoman"));
            assertThat(row.first()).isVisible();
            shots(browser, "follow-ups");
            // the 3-month check-in: the row of this patient whose check-in cell reads "3-month check-in"
            recordThreeMonthCheckIn(browser);

            browser.open("/patients");
            page.getByLabel("Search by name").fill("Journeywoman");
            page.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText("Journeywoman, Ada")).first().click();
            button(page, "Open").first().click();
            assertThat(page.locator(".callout-recurrence")).containsText("6/10");
            shots(browser, "episode-recurrence");
        }
    }

    private void logVisit(Browser browser, LocalDate date, String[] factors, String nprs, String shot) throws Exception {
        Page page = browser.page;
        page.locator(".episode-view vaadin-button.log-visit").click();
        assertThat(page.locator(".visit-form")).isVisible();
        browser.pickDate(page.getByLabel("Date").first(), date.toString());
        for (String factor : factors) {
            Locator toggle = page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName(factor));
            toggle.focus();
            page.keyboard().press("Space");
        }
        page.getByLabel("Pain today (0–10)").fill(nprs);
        shots(browser, shot);
        page.keyboard().press("Control+Enter");
        assertThat(page.locator(".episode-view")).isVisible();
        assertThat(page.locator("vaadin-notification-card").last()).containsText("Visit saved");
    }

    private void recordThreeMonthCheckIn(Browser browser) throws Exception {
        Page page = browser.page;
        Locator buttons = page.locator("vaadin-button.record-check-in");
        int target = -1;
        // simpler and robust: the dialog title names the patient and the month; try rows until it matches
        for (int i = 0; i < buttons.count() && target < 0; i++) {
            buttons.nth(i).click();
            assertThat(button(page, "Save check-in")).isVisible();
            Locator title = page.getByText("Ada Journeywoman · 3-month check-in");
            if (title.count() > 0) {
                target = i;
            } else {
                browser.press("Cancel");
            }
        }
        if (target < 0) {
            throw new AssertionError("No 3-month check-in for the journey patient in the worklist");
        }
        choose(page, "vaadin-radio-button", "No");
        browser.pickDate(page.getByLabel("When did it come back?"), today.minusDays(40).toString());
        page.getByLabel("Worst pain (0–10)").fill("6");
        choose(page, "vaadin-checkbox", "Lasted at least 24 hours");
        choose(page, "vaadin-checkbox", "Limited their usual activities");
        shots(browser, "check-in");
        browser.press("Save check-in");
        assertThat(page.locator("vaadin-notification-card").last()).containsText("a recurrence");
    }

    /** Vaadin keeps the native radio and checkbox inputs visually hidden, so act on them by role. */
    private static void choose(Page page, String component, String label) {
        AriaRole role = component.equals("vaadin-checkbox") ? AriaRole.CHECKBOX : AriaRole.RADIO;
        Locator input = page.getByRole(role, new Page.GetByRoleOptions().setName(label).setExact(true));
        // as a keyboard user would: focus and Space. A click can be swallowed by a date picker's overlay still
        // closing after Enter (a CI run failed "Clicking the checkbox did not change its state" on the chronicity
        // radio right after the start date); GoingLiveJourneyTest chooses its radio the same way.
        input.focus();
        page.keyboard().press("Space");
        assertThat(input).isChecked();
    }


    /** The view at desktop size, then at tablet size (1024 × 768). */
    private static void shots(Browser browser, String name) throws Exception {
        browser.screenshot(name);
        browser.page.setViewportSize(1024, 768);
        browser.screenshot(name + "-1024");
        browser.page.setViewportSize(1280, 800);
    }
}
