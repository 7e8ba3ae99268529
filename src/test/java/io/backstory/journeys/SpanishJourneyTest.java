package io.backstory.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.backstory.BackstoryTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16 in Spanish, end to end on the demo: the visit form used with the keyboard only (every field reached by
 * Tab, each showing its focus ring, saved from the keyboard), and screenshots of the visit form, the episode page,
 * the recurrence report and the PDF's text saved under target/screenshots/ (es-*) to be looked at.
 */
@BackstoryTest
class SpanishJourneyTest {

    private static final ResourceBundle ES = ResourceBundle.getBundle("vaadin-i18n.translations", Locale.of("es"),
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

    /** The focusable fields of the visit form, as Tab should reach them. */
    private static final String FIELDS = String.join(", ", "vaadin-date-picker", "vaadin-combo-box", "vaadin-select",
            "vaadin-integer-field", "vaadin-number-field", "vaadin-text-field", "vaadin-text-area", "vaadin-checkbox",
            "vaadin-checkbox-group", "vaadin-button", "button", "input[type=checkbox]");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldLogAVisitWithTheKeyboardOnlyAndShowThePagesInSpanish() throws Exception {
        long episodeId = jdbc.sql("""
                        select e.id from episode e join user_account u on u.id = e.therapist_id
                        where e.discharge_date is null and u.username = 'therapist' order by e.id limit 1""")
                .query(Long.class).single();
        try (Browser browser = new Browser(port, "es")) {
            Page page = browser.page;
            browser.signInToDemo("therapist");

            browser.open("/episodes/" + episodeId);
            assertThat(page.locator(".episode-view")).isVisible();
            assertThat(page.locator("html")).hasAttribute("lang", "es");
            browser.screenshot("es-episode");

            browser.open("/visits/new/" + episodeId);
            Locator form = page.locator(".visit-form");
            assertThat(form).isVisible();
            browser.screenshot("es-visit-form");

            // Number every focusable field of the form, then Tab from the top of the page and note which it reaches.
            int fields = ((Number) page.evaluate("""
                    s => { const all = [...document.querySelectorAll('.visit-form')].flatMap(f => [...f.querySelectorAll(s)])
                             .filter(e => e.offsetParent !== null && !e.hasAttribute('disabled'));
                           const outer = all.filter(e => !all.some(o => o !== e && o.contains(e)));
                           outer.forEach((e, i) => e.setAttribute('data-kb', String(i)));
                           return outer.length; }""", FIELDS)).intValue();
            assertThat(fields).as("focusable fields in the visit form").isGreaterThanOrEqualTo(8);
            Set<Integer> reached = new LinkedHashSet<>();
            List<String> withoutRing = new ArrayList<>();
            List<String> sequence = new ArrayList<>();
            boolean toggled = false;
            boolean typedPain = false;
            page.locator("body").focus();
            for (int i = 0; i < 200 && reached.size() < fields; i++) {
                page.keyboard().press("Tab");
                page.waitForTimeout(30);
                Object[] focus = focused(page);
                if (focus == null) {
                    sequence.add(String.valueOf(page.evaluate("() => document.activeElement && document.activeElement.tagName")));
                    continue;
                }
                sequence.add(focus[2] + "#" + focus[0]);
                int index = (Integer) focus[0];
                reached.add(index);
                if (!(Boolean) focus[1]) {
                    withoutRing.add(focus[2] + " #" + index);
                }
                String tag = (String) focus[2];
                // Answer with the keyboard on the way: one factor addressed, today's pain typed.
                if (!toggled && ((String) focus[3]).contains("factor-toggle")) {
                    page.keyboard().press("Space");
                    toggled = true;
                }
                if (!typedPain && tag.equals("vaadin-integer-field")) {
                    // The first number field is today's pain (0-10), maybe prefilled from the last visit: replace it.
                    page.keyboard().press("Control+a");
                    page.keyboard().type("3");
                    typedPain = true;
                }
            }
            assertThat(reached).as("fields of the visit form reached by Tab (of %d), focus went %s", fields, sequence).hasSize(fields);
            assertThat(withoutRing).as("fields focused by Tab without a visible focus ring").isEmpty();
            browser.screenshot("es-visit-form-keyboard");

            // Save from the keyboard: Tab back to the save button, then Enter.
            for (int i = 0; i < 200; i++) {
                if ((Boolean) page.evaluate("t => { const a = document.activeElement; const b = a && a.closest('vaadin-button');"
                        + " return !!b && b.textContent.trim() === t; }", ES.getString("visit.save"))) {
                    break;
                }
                page.keyboard().press("Shift+Tab");
            }
            page.keyboard().press("Enter");
            assertThat(page.locator(".episode-view")).isVisible();
            assertThat(page.locator("vaadin-notification-card").last()).containsText("Visita guardada");
            browser.screenshot("es-episode-after-visit");
        }

        try (Browser browser = new Browser(port, "es")) {
            Page page = browser.page;
            browser.signInToDemo("owner");
            browser.open("/reports");
            assertThat(page.locator(".verdict-card")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(120_000));
            page.setViewportSize(1280, 3000);
            page.waitForTimeout(400);
            browser.screenshot("es-overview");
            page.locator(".verdict-card").screenshot(new Locator.ScreenshotOptions()
                    .setPath(Browser.SCREENSHOTS.resolve("es-verdict-card.png")));
            page.setViewportSize(1280, 800);
            Download pdf = page.waitForDownload(() -> page.locator(".report-export").first().click());
            Path saved = Browser.SCREENSHOTS.resolve("es-report.pdf");
            Files.copy(pdf.path(), saved, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            // No PDF renderer on the build machines: the PDF's text is saved beside it to be read.
            StringBuilder text = new StringBuilder();
            try (PdfReader reader = new PdfReader(Files.readAllBytes(saved))) {
                PdfTextExtractor extractor = new PdfTextExtractor(reader);
                for (int p = 1; p <= reader.getNumberOfPages(); p++) {
                    text.append("--- page ").append(p).append(" ---\n").append(extractor.getTextFromPage(p)).append('\n');
                }
            }
            Files.writeString(Browser.SCREENSHOTS.resolve("es-report-pdf.txt"), text);
            assertThat(text.toString()).contains(ES.getString("pdf.kpis"));
        }
    }

    /** The focused field's number, whether it shows a focus ring, its tag and classes; null outside the form. */
    private static Object[] focused(Page page) {
        Object result = page.evaluate("""
                () => { let e = document.activeElement;
                        while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
                        let host = e;
                        while (host && !(host.hasAttribute && host.hasAttribute('data-kb'))) {
                          host = host.parentElement || (host.getRootNode && host.getRootNode().host);
                        }
                        if (!host) return null;
                        const ring = el => { if (!el || !el.hasAttribute) return false;
                          if (el.hasAttribute('focus-ring')) return true;
                          const s = getComputedStyle(el);
                          return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'; };
                        let shown = false;
                        for (let x = e; x && !shown; x = x === host ? null : (x.parentElement || (x.getRootNode && x.getRootNode().host))) shown = ring(x);
                        return [Number(host.getAttribute('data-kb')), shown || ring(host), host.tagName.toLowerCase(), host.className || ''];
                      }""");
        if (result == null) {
            return null;
        }
        List<?> list = (List<?>) result;
        return new Object[] {((Number) list.get(0)).intValue(), list.get(1), list.get(2), String.valueOf(list.get(3))};
    }
}
