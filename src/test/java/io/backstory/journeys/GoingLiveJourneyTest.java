package io.backstory.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.backstory.TestDatabaseConfig.PASSWORD;
import static io.backstory.TestDatabaseConfig.URL;
import static io.backstory.TestDatabaseConfig.USER;
import static io.backstory.TestDatabaseConfig.urlInSchema;
import static io.backstory.journeys.Browser.button;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.backstory.BackstoryApplication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Issue 11's "done when", in real Chromium against PostgreSQL: a production start (no demo seed) on an
 * empty schema with only the bootstrap admin. The admin sets up two-step sign-in (required for owners and
 * admins), names the clinic, adds a location and a therapist; the therapist opens the setup link, chooses
 * a password, signs in, adds a patient and opens an episode; the owner (the same bootstrap account) signs
 * in again with a code; the admin deactivates the therapist and the therapist's open page stops working.
 * <p>
 * Its own small Spring context (an empty schema {@code golive} in the test database, no demo data), started
 * here and closed at the end, so the rest of the suite keeps its shared context.
 */
class GoingLiveJourneyTest {

    private static final String SCHEMA = "golive";
    private static final String ADMIN = "founder";
    private static final String ADMIN_PASSWORD = "violet harbour stepping stones";
    private static final String THERAPIST_PASSWORD = "kettle orbit lantern mosaic";

    private static ConfigurableApplicationContext app;
    private static int port;
    /**
     * Spring Security keeps its context-holder strategy in a static field, and each Vaadin app context
     * installs its own: the suite's shared context gets its strategy back when this one is done, or its
     * services would read a security context its filters never wrote.
     */
    private static SecurityContextHolderStrategy sharedStrategy;

    @BeforeAll
    static void startAnEmptyProductionInstallation() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
            s.execute("create schema " + SCHEMA);
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", urlInSchema(SCHEMA));
        properties.put("spring.datasource.username", USER);
        properties.put("spring.datasource.password", PASSWORD);
        properties.put("spring.datasource.hikari.maximum-pool-size", "4");
        properties.put("spring.flyway.schemas", SCHEMA);
        properties.put("spring.flyway.clean-disabled", "false");
        properties.put("backstory.demo.enabled", "false");
        properties.put("BACKSTORY_ADMIN_USERNAME", ADMIN);
        properties.put("BACKSTORY_ADMIN_PASSWORD", ADMIN_PASSWORD);
        properties.put("backstory.security.mfa.key", "oWmxSfn0SjnwIHt4hY6VqOk6nnl5xHt3C0rD3bzzj9E=");
        properties.put("spring.main.banner-mode", "off");
        sharedStrategy = SecurityContextHolder.getContextHolderStrategy();
        // command-line arguments: they outrank application.properties, which points at the embedded database
        app = new SpringApplicationBuilder(BackstoryApplication.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        SecurityContextHolder.setContextHolderStrategy(sharedStrategy);
    }

    @Test
    void shouldTakeAnEmptyInstallationToATherapistWithAnEpisodeAndEndTheirSessionWhenDeactivated() throws Exception {
        try (Browser admin = new Browser(port); Browser therapist = new Browser(port)) {
            Page a = admin.page;

            // 1. The bootstrap admin signs in; owners and admins must set up two-step sign-in first.
            admin.signIn(ADMIN, ADMIN_PASSWORD);
            assertThat(a.locator(".authenticator-setup")).isVisible();
            shots(admin, "golive-enrol");
            AuthenticatorApp phone = new AuthenticatorApp(a.locator(".totp-secret").getAttribute("data-secret"));
            a.getByLabel("Code from the app").fill("000000".equals(phone.code(0)) ? "111111" : "000000");
            button(a, "Confirm code").click();
            assertThat(a.locator(".error-summary")).containsText("Code: not the 6-digit code");
            a.getByLabel("Code from the app").fill(phone.code(0));
            button(a, "Confirm code").click();
            assertThat(a.locator(".recovery-code")).hasCount(10);
            shots(admin, "golive-recovery-codes");
            button(a, "I have saved these codes").click();

            // 2. First run: the home page points to the getting-started steps.
            assertThat(a.locator(".setup-card")).isVisible();
            shots(admin, "golive-home-first-run");
            button(a, "Get started").click();
            assertThat(a.locator(".getting-started-view")).isVisible();
            shots(admin, "golive-getting-started");
            a.getByLabel("Clinic name").fill("Riverside Physiotherapy");
            button(a, "Save name").click();
            assertThat(a.locator(".start-step-done")).hasCount(2);
            a.getByLabel("New location").fill("Old Town");
            button(a, "Add location").click();
            assertThat(a.getByText("Locations now: Main location, Old Town.")).isVisible();
            button(a, "Add a therapist").click();

            // 3. The therapist's account: the admin gets a one-time link to hand over.
            assertThat(a.getByLabel("Username")).isVisible();
            a.getByLabel("Username").fill("theo.marsh");
            a.getByLabel("Display name").fill("Theo Marsh");
            shots(admin, "golive-people-add");
            button(a, "Add and create link").click();
            Locator link = a.getByLabel("One-time link");
            assertThat(link).isVisible();
            String setupLink = link.inputValue();
            assertThat(setupLink).contains("/welcome/");
            shots(admin, "golive-people-link");
            button(a, "Done").click();
            assertThat(a.locator(".people-view vaadin-grid")).containsText("Waiting for setup");
            shots(admin, "golive-people");

            // 4. The therapist chooses a password through the link (a leaked one is refused first) and signs in.
            Page t = therapist.page;
            t.navigate(setupLink);
            assertThat(t.getByText("Welcome, Theo Marsh.")).isVisible();
            t.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("password1234");
            t.getByLabel("Repeat the password").fill("password1234");
            button(t, "Save password").click();
            assertThat(t.locator(".error-summary")).containsText("on a list of common or leaked passwords");
            shots(therapist, "golive-setup-password");
            t.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(THERAPIST_PASSWORD);
            t.getByLabel("Repeat the password").fill(THERAPIST_PASSWORD);
            button(t, "Save password").click();
            assertThat(t.getByText("Password saved")).isVisible();
            t.navigate(setupLink);
            assertThat(t.getByText("This link cannot be used")).isVisible();
            therapist.signIn("theo.marsh", THERAPIST_PASSWORD);
            assertThat(t.locator(".home-view h2")).hasText("Riverside Physiotherapy");

            // 5. ...adds a patient and opens an episode of care.
            therapist.fillNewPatient("Nora", "Firstpatient", "1968-09-30", "Female");
            button(t, "Save patient").click();
            assertThat(t.locator(".patient-view h2")).hasText("Nora Firstpatient");
            Locator chronic = t.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Chronic (over 12 weeks)").setExact(true));
            chronic.focus();
            t.keyboard().press("Space");
            assertThat(chronic).isChecked();
            button(t, "Open episode").click();
            assertThat(t.locator(".episode-view")).isVisible();
            assertThat(t.locator(".episode-view")).containsText("Theo Marsh");

            // 6. The owner signs in again: password, then a code from the app.
            button(a, "Sign out").click();
            assertThat(a.locator("vaadin-login-form")).isVisible();
            admin.signIn(ADMIN, ADMIN_PASSWORD);
            assertThat(a.getByLabel("Code from the app")).isVisible();
            shots(admin, "golive-sign-in-code");
            a.getByLabel("Code from the app").fill(phone.code(1));
            button(a, "Verify").click();
            assertThat(a.locator(".home-view h2")).hasText("Riverside Physiotherapy");
            assertThat(a.locator(".setup-card")).hasCount(0);

            // 7. The admin deactivates the therapist; the therapist's open page stops working at its next request.
            admin.open("/people");
            a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Manage Theo Marsh")).click();
            shots(admin, "golive-people-manage");
            button(a, "Deactivate").click();
            a.locator("vaadin-button[slot='confirm-button']").click();
            assertThat(a.locator(".people-view vaadin-grid")).containsText("Deactivated");

            t.locator("vaadin-side-nav-item").filter(new Locator.FilterOptions().setHasText("Patients")).click();
            assertThat(t.locator("vaadin-login-form")).isVisible();
            therapist.signIn("theo.marsh", THERAPIST_PASSWORD);
            assertThat(t.locator("vaadin-login-form")).isVisible();
            assertThat(t.url()).contains("/login?error");

            // The remaining new views of the installation, for the record.
            admin.open("/clinic");
            assertThat(a.locator(".clinic-view")).containsText("Old Town");
            shots(admin, "golive-clinic");
            admin.open("/settings");
            assertThat(a.locator(".settings-view")).isVisible();
            shots(admin, "golive-settings");
            a.getByLabel("Report horizon").fill("300");
            button(a, "Save settings").click();
            a.locator("vaadin-button[slot='confirm-button']").click();
            assertThat(a.locator("vaadin-notification-card").last()).containsText("Settings saved");
            admin.open("/audit");
            assertThat(a.locator(".audit-view vaadin-grid")).containsText("theo.marsh");
            assertThat(a.locator(".audit-view vaadin-grid")).containsText("horizon days: 365 → 300");
            shots(admin, "golive-audit");
            admin.open("/account");
            assertThat(a.locator(".account-mfa")).containsText("On");
            shots(admin, "golive-account");
        }
    }


    /** The view at 1280 × 800, then at tablet width (768 × 1024). */
    static void shots(Browser browser, String name) throws Exception {
        browser.screenshot(name);
        browser.page.setViewportSize(768, 1024);
        browser.screenshot(name + "-768");
        browser.page.setViewportSize(1280, 800);
    }
}
