package io.backstory.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.backstory.BackstoryTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The administration views in the demo clinic, as its demo accounts see them (issue 11 item 9): the admin's
 * people, clinic, settings and audit log full of demo data; and two-step sign-in, which demo mode does not
 * force on anyone but lets a demo owner try (then the admin resets it, so the demo stays open to all).
 */
@BackstoryTest
class AdministrationJourneyTest {

    @LocalServerPort
    int port;

    @Test
    void shouldShowTheDemoAdminItsPeopleClinicSettingsAndAuditLog() throws Exception {
        try (Browser browser = Browser.signedInToDemo(port, "admin")) {
            Page page = browser.page;
            assertThat(page.locator(".setup-card")).hasCount(0);

            browser.open("/people");
            assertThat(page.locator(".people-view vaadin-grid")).containsText("Olivia Grant");
            GoingLiveJourneyTest.shots(browser, "demo-people");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Manage Priya Shah")).click();
            GoingLiveJourneyTest.shots(browser, "demo-people-manage");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel").setExact(true)).click();

            browser.open("/clinic");
            assertThat(page.locator(".clinic-view")).containsText("Riverside");
            GoingLiveJourneyTest.shots(browser, "demo-clinic");

            browser.open("/settings");
            page.getByLabel("Report horizon").fill("10");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings")).click();
            assertThat(page.locator(".error-summary")).containsText("Horizon: between 30 and 1825 days");
            GoingLiveJourneyTest.shots(browser, "demo-settings-error");

            browser.open("/audit");
            assertThat(page.locator(".audit-view vaadin-grid")).containsText("admin");
            GoingLiveJourneyTest.shots(browser, "demo-audit");
        }
    }

    @Test
    void shouldLetADemoOwnerTryTwoStepSignInWithoutForcingIt() throws Exception {
        try (Browser browser = Browser.signedInToDemo(port, "owen.hughes")) {
            Page page = browser.page;

            browser.open("/account");
            GoingLiveJourneyTest.shots(browser, "demo-account");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set up an authenticator app")).click();
            AuthenticatorApp phone = new AuthenticatorApp(page.locator(".totp-secret").getAttribute("data-secret"));
            GoingLiveJourneyTest.shots(browser, "demo-account-authenticator");
            page.getByLabel("Code from the app").fill(phone.code(0));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm code")).click();
            assertThat(page.locator(".recovery-code")).hasCount(10);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("I have saved these codes")).click();
            assertThat(page.locator(".account-mfa")).containsText("10 recovery codes left");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            assertThat(page.locator("vaadin-login-form")).isVisible();
            browser.signIn("owen.hughes", "backstory-demo");
            assertThat(page.getByLabel("Code from the app")).isVisible();
            page.getByLabel("Code from the app").fill(phone.code(1));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();
            assertThat(page.locator(".home-view")).isVisible();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            assertThat(page.locator("vaadin-login-form")).isVisible();

            // the demo admin resets it again, as they would for a lost phone
            browser.signIn("admin", "backstory-demo");
            browser.open("/people");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Manage Owen Hughes")).click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reset two-step sign-in").setExact(true)).click();
            page.locator("vaadin-button[slot='confirm-button']").click();
            Locator row = page.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText("Owen Hughes"));
            assertThat(row.first()).isVisible();
            assertThat(page.locator("vaadin-notification-card").last()).containsText("Owen Hughes");
        }
    }
}
