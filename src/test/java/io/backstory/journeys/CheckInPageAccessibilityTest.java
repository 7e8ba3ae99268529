package io.backstory.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.backstory.BackstoryTest;
import io.backstory.followups.CheckInLinkFixture;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16: the public check-in page (a Spring controller, not a Vaadin route, so {@link AccessibilityTest}'s route
 * registry does not list it) in the patient's language, with zero axe-core WCAG 2.1 A/AA violations in each of its
 * states (the questions, the questions with errors, the thanks), and answered with the keyboard only: Tab between
 * fields, arrow keys and Space in the radio groups, digits in the date and the 0-10 list, Enter on the button; the
 * focused element always shows its focus ring.
 *
 * <p>The browser asks for the other language: the page must follow the patient's language, not the browser's.
 */
@BackstoryTest
class CheckInPageAccessibilityTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest(name = "patient language {0}, browser {1}")
    @CsvSource({"es, en", "en, es"})
    void shouldAnswerTheCheckInWithTheKeyboardOnlyWithoutAxeViolations(String patientLanguage, String browserLanguage)
            throws Exception {
        record Due(long clinicId, long followUpId, long patientId) {
        }
        Due due = jdbc.sql("""
                        select f.clinic_id, f.id, e.patient_id from follow_up f
                        join episode e on e.id = f.episode_id and e.clinic_id = f.clinic_id
                        where f.status = 'PENDING' and e.discharge_date <= current_date
                        order by f.id limit 1""")
                .query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
        jdbc.sql("update patient set language = ? where clinic_id = ? and id = ?").params(patientLanguage, due.clinicId(), due.patientId()).update();
        ResourceBundle texts = ResourceBundle.getBundle("vaadin-i18n.translations", Locale.of(patientLanguage),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String axe = AccessibilityTest.axeSource();
        List<String> problems = new ArrayList<>();
        try (Browser browser = new Browser(port, browserLanguage, true)) {
            Page page = browser.page;
            page.addInitScript(axe);
            browser.open("/check-in/" + CheckInLinkFixture.create(jdbc, due.clinicId(), due.followUpId()));

            assertThat(page.evaluate("() => document.documentElement.lang")).isEqualTo(patientLanguage);
            assertThat(page.locator("h1").textContent()).isEqualTo(texts.getString("checkin.page.title"));
            problems.addAll(AccessibilityTest.violations(page, axe).stream().map(v -> "questions: " + v).toList());
            browser.screenshot("checkin-" + patientLanguage + "-questions");

            // Sending nothing: the errors are announced (role=alert) and the page stays accessible.
            tabTo(page, "button[type=submit]");
            page.keyboard().press("Enter");
            page.waitForSelector("#errors");
            assertThat(page.locator("#errors").getAttribute("role")).isEqualTo("alert");
            assertThat(page.locator("#errors strong").textContent()).isEqualTo(texts.getString("checkin.page.errors"));
            problems.addAll(AccessibilityTest.violations(page, axe).stream().map(v -> "errors: " + v).toList());
            browser.screenshot("checkin-" + patientLanguage + "-errors");

            // The answers, keyboard only.
            tabTo(page, "#returned-no");
            page.keyboard().press("ArrowDown");
            assertThat(page.locator("#returned-yes").isChecked()).as("arrow key moves to and checks 'yes'").isTrue();
            tabTo(page, "#onset");
            LocalDate today = LocalDate.now();
            // Chromium's date field takes the digits in the order of the browser process's locale (en-US on these
            // machines: mm/dd/yyyy), not of the page's language.
            String digits = "%02d%02d%04d".formatted(today.getMonthValue(), today.getDayOfMonth(), today.getYear());
            page.keyboard().type(digits);
            assertThat(page.locator("#onset").inputValue()).isEqualTo(today.toString());
            tabTo(page, "#worst");
            page.keyboard().press("7");
            assertThat(page.locator("#worst").inputValue()).isEqualTo("7");
            tabTo(page, "#lasted-yes");
            page.keyboard().press("Space");
            tabTo(page, "#limited-yes");
            page.keyboard().press("Space");
            tabTo(page, "#sought-yes");
            page.keyboard().press("Space");
            page.keyboard().press("ArrowRight");
            assertThat(page.locator("#sought-no").isChecked()).isTrue();
            tabTo(page, "button[type=submit]");
            page.keyboard().press("Enter");
            page.waitForURL(url -> true);
            page.waitForFunction("t => document.querySelector('h1') && document.querySelector('h1').textContent === t",
                    texts.getString("checkin.page.thanks.title"));
            problems.addAll(AccessibilityTest.violations(page, axe).stream().map(v -> "thanks: " + v).toList());
            browser.screenshot("checkin-" + patientLanguage + "-thanks");
        } finally {
            jdbc.sql("update patient set language = null where clinic_id = ? and id = ?").params(due.clinicId(), due.patientId()).update();
        }
        assertThat(jdbc.sql("select status from follow_up where clinic_id = ? and id = ?").params(due.clinicId(), due.followUpId())
                .query(String.class).single()).as("the keyboard-only answer was saved").isNotEqualTo("PENDING");
        assertThat(problems).as("axe-core WCAG 2.1 A/AA violations on the check-in page in " + patientLanguage).isEmpty();
    }

    /**
     * Presses Tab until the element is focused (a date field takes several presses, one per part), checking on the
     * way that every focused element shows a focus ring of at least 2 px.
     */
    static void tabTo(Page page, String selector) {
        for (int i = 0; i < 25; i++) {
            page.keyboard().press("Tab");
            Object ring = page.evaluate("""
                    () => { const e = document.activeElement; if (!e || e === document.body) return 'none';
                            const s = getComputedStyle(e);
                            return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? 'ring' : e.id + ' outline ' + s.outlineStyle + ' ' + s.outlineWidth + ' focus ' + e.matches(':focus'); }""");
            assertThat(ring).as("focus ring on the element focused by Tab").isEqualTo("ring");
            if ((Boolean) page.evaluate("s => document.activeElement === document.querySelector(s)", selector)) {
                return;
            }
        }
        throw new AssertionError("Tab never reached " + selector);
    }
}
