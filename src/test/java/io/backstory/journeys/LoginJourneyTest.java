package io.backstory.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.BackstoryTest;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@BackstoryTest
class LoginJourneyTest {

    @LocalServerPort
    int port;

    @Test
    void shouldTakeTheDemoOwnerFromTheLoginPageToTheClinicHome() throws Exception {
        try (Browser browser = new Browser(port)) {
            browser.open("/");
            assertThat(browser.page.locator("vaadin-login-form")).isVisible();
            browser.screenshot("login");

            browser.signIn("owner", "backstory-demo");

            assertThat(browser.page.locator(".home-view h2")).hasText("Backstory Demo Physio");
            assertThat(browser.page.locator(".kpi-card").first()).isVisible();
            assertThat(browser.page.locator("vaadin-side-nav-item").first()).isVisible();
            assertThat(Files.size(browser.screenshot("home-owner"))).isPositive();
        }
    }

    @Test
    void shouldKeepAWrongPasswordOnTheLoginPageWithAMessage() throws Exception {
        try (Browser browser = new Browser(port)) {
            browser.signIn("owner", "not the password");
            assertThat(browser.page.locator("vaadin-login-form")).isVisible();
            assertThat(browser.page.url()).contains("/login?error");
            browser.screenshot("login-error");
        }
    }
}
