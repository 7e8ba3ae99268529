package io.backstory.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.backstory.ClinicalFixture;
import io.backstory.SignedIn;
import io.backstory.analytics.Chronicity;
import io.backstory.analytics.Sex;
import io.backstory.followups.CheckInTest;
import io.backstory.followups.CheckInTestConfig;
import io.backstory.followups.SmtpSink;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.patients.PatientCommand;
import io.backstory.patients.PatientService;
import io.backstory.patients.PatientSummary;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 12's closing journey: a therapist discharges a consenting patient in the discharge dialog; the clock moves to the first check-in;
 * the job emails the link (the in-process SMTP server gets it, the admin's Outbox lists it); the patient opens it in
 * a fresh browser with no session at phone width and reports pain back at 6/10 for two days after 40 pain-free days;
 * the recurrence shows on the episode and the email reply in the owner report; the link a second time says
 * "already answered".
 */
@CheckInTest
class CheckInJourneyTest {

    @LocalServerPort int port;
    @RegisterExtension final SignedIn signedIn = SignedIn.outAfterEach();
    @Autowired ClinicalFixture fixture;
    @Autowired PatientService patients;
    @Autowired EpisodeService episodes;
    @Autowired CheckInTestConfig.FirstCheckIn firstCheckIn;
    @Autowired CheckInTestConfig.MutableClock clock;

    @Test
    void shouldTakeACheckInFromDischargeThroughTheEmailedLinkToTheReport() throws Exception {
        LocalDate today = LocalDate.now(clock);
        String email = "nora.linkwell." + System.nanoTime() + "@example.test";
        signedIn.signInAs("therapist");
        PatientSummary patient = patients.create(new PatientCommand("Nora", "Linkwell", LocalDate.of(1966, 9, 14), Sex.F,
                null, email, true));
        EpisodeSummary episode = fixture.episode(patient, today.minusDays(42), Chronicity.SUBACUTE);
        signedIn.signOut();

        // The therapist discharges the patient in the episode's discharge dialog.
        try (Browser staff = Browser.signedInToDemo(port, "therapist")) {
            Page page = staff.page;
            staff.open("/episodes/" + episode.id());
            page.locator(".episode-view vaadin-button.discharge").click();
            staff.pickDate(page.getByLabel("Discharge date"), today.toString());
            page.getByLabel("NPRS Total").fill("1");
            page.getByLabel("ODI Total %").fill("6");
            staff.screenshot("check-in-discharge-dialog");
            staff.press("Discharge and schedule follow-ups");
            assertThat(page.locator(".episode-view .pill").first()).containsText("Discharged");
            assertThat(page.locator(".follow-up-row")).hasCount(4);
            staff.screenshot("check-in-discharged-episode");
        }
        signedIn.signInAs("therapist");
        assertThat(episodes.get(episode.id()).dischargeDate()).isEqualTo(today);
        signedIn.signOut();

        // The clock moves to the first (1-month) check-in; the job runs as db-scheduler would run it.
        List<SmtpSink.Message> sent = firstCheckIn.sent(today, email);
        assertThat(sent).hasSize(1);
        String linkPath = sent.getFirst().linkPath();

        try (Browser admin = Browser.signedInToDemo(port, "admin")) {
            admin.open("/outbox");
            Locator row = admin.page.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText(email));
            assertThat(row.first()).isVisible();
            admin.screenshot("check-in-outbox");
        }

        // 44 days after discharge the patient answers: pain back 40 days after discharge, 6/10, for two days.
        clock.advanceTo(today.plusDays(44));
        try (Browser phone = new Browser(port)) {
            Page page = phone.page;
            page.setViewportSize(390, 844);
            phone.open(linkPath);
            assertThat(page.locator("h1")).hasText("How is your back?");
            assertThat(page.locator("main")).containsText("Nora");
            assertThat(page.locator("main")).not().containsText("Linkwell");
            // The page itself sets no cookie (CheckInPageTest checks its headers); the browser may still hold one set
            // by the shared stylesheet's response, which goes through the app's main chain.
            page.context().cookies().forEach(c -> System.out.println("CheckInJourneyTest: cookie " + c.name + " path " + c.path));
            page.locator("#returned-yes").check();
            page.getByLabel("When did it come back?").fill(today.plusDays(40).toString());
            page.getByLabel("How bad was it at its worst?").selectOption("6");
            page.locator("#lasted-yes").check();
            page.locator("#limited-yes").check();
            page.locator("#sought-no").check();
            phone.screenshot("check-in-patient-page");
            // Keyboard: the send button is reachable and works with Enter.
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send my answers")).focus();
            page.keyboard().press("Enter");
            assertThat(page.locator("h1")).hasText("Thank you");
            phone.screenshot("check-in-patient-thanks");

            phone.open(linkPath);
            assertThat(page.locator("h1")).hasText("Already answered");
            phone.screenshot("check-in-patient-already-answered");
        }

        try (Browser staff = Browser.signedInToDemo(port, "therapist")) {
            staff.open("/episodes/" + episode.id());
            assertThat(staff.page.locator(".callout-recurrence")).containsText("6/10");
            staff.screenshot("check-in-episode-recurrence");
        }

        try (Browser owner = Browser.signedInToDemo(port, "owner")) {
            owner.open("/reports");
            Locator channels = owner.page.locator(".follow-up-channels");
            assertThat(channels).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(90_000));
            String emailReplies = channels.locator("tr.channel-all td").nth(2).innerText().strip();
            assertThat(Integer.parseInt(emailReplies)).isPositive();
            channels.scrollIntoViewIfNeeded();
            channels.screenshot(new Locator.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("check-in-report-channels.png")));
        }
    }
}
