package io.backstory.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Response;
import io.backstory.BackstoryTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Issue 9 in Chromium: hostile names in chart tooltips stay text, the CSP holds, PHI responses are not cached, logout is audited. */
@BackstoryTest
class SecurityJourneyTest {

    static final String HOSTILE = "<img src=x onerror=alert(1)>";

    /** Draws each chart with the hostile name in its data, shows the first tooltip, and reports what the tooltip holds. */
    private static final String TOOLTIPS = """
            async ({ name, tags }) => {
              const charts = {
                'backstory-funnel': [{ points: [{ name, n: 20, rate: 0.3, breadth: 2.5 }], limits: [[1, 0, 1, 0, 1], [40, 0.1, 0.5, 0.05, 0.6]], centre: 0.3 }, 5],
                'backstory-error-bars': [{ categories: [name], series: [{ name, values: [0.4], lower: [0.3], upper: [0.5], n: [12] }] }, 0],
                'backstory-forest': [{ rows: [{ label: name, estimate: 1.5, lower: 1.1, upper: 2.2, note: name }], min: 0.5, max: 4, ticks: { '0': '1' } }, 0],
                'backstory-lines': [{ categories: [name], series: [{ name, values: [0.2], axis: 0, percent: true }], axes: [{ name: 'rate', percent: true }] }, 0],
              };
              // The palette and words come with every chart's data from the server (ChartStyle, the translations):
              // take them from a chart the page already shows.
              const shown = [...document.querySelectorAll('backstory-funnel, backstory-error-bars, backstory-forest, backstory-lines, backstory-survival')]
                  .find((e) => e.data && e.data.style);
              const { style, words } = shown.data;
              const out = {};
              for (const tag of tags) {
                const [data, seriesIndex] = charts[tag];
                if (!customElements.get(tag)) { out[tag] = 'not defined'; continue; }
                const el = document.createElement(tag);
                el.style.cssText = 'display:block;width:600px;height:400px;position:fixed;left:0;top:0;z-index:9999;background:#fff';
                document.body.appendChild(el);
                el.data = JSON.stringify({ ...data, style, words });
                await new Promise((r) => setTimeout(r, 300));
                el.chart.dispatchAction({ type: 'showTip', seriesIndex, dataIndex: 0 });
                await new Promise((r) => setTimeout(r, 300));
                const tip = [...el.querySelectorAll('div')].find((d) => d.textContent.includes('onerror'));
                out[tag] = { text: tip ? tip.textContent : null, images: el.querySelectorAll('img').length };
                el.remove();
              }
              return out;
            }
            """;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    /**
     * Every chart with an HTML tooltip gets data whose names are markup, then shows its tooltip: the
     * tooltip must show the name as text and contain no element made from it (the Browser fails the
     * journey on any dialog, page error or CSP violation besides).
     */
    @Test
    @SuppressWarnings("unchecked")
    void shouldShowAHostileTherapistNameInEveryChartTooltipAsText() throws Exception {
        try (Browser browser = Browser.signedInToDemo(port, "owner")) {
            // Each chart's script is loaded with a view that uses it.
            Map<String, List<String>> views = Map.of("therapists", List.of("backstory-funnel"),
                    "breadth", List.of("backstory-error-bars", "backstory-forest"), "trends", List.of("backstory-lines"));
            for (Map.Entry<String, List<String>> view : views.entrySet()) {
                browser.open("/reports/" + view.getKey());
                assertThat(browser.page.locator(".report-" + view.getKey() + " .chart-figure canvas").first())
                        .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(90_000));
                Map<String, Object> result = (Map<String, Object>) browser.page.evaluate(TOOLTIPS, Map.of("name", HOSTILE, "tags", view.getValue()));
                for (String tag : view.getValue()) {
                    assertThat(result.get(tag)).as(tag).isInstanceOf(Map.class);
                    Map<String, Object> chart = (Map<String, Object>) result.get(tag);
                    assertThat((String) chart.get("text")).as(tag + " tooltip text").contains(HOSTILE);
                    assertThat(((Number) chart.get("images")).intValue()).as(tag + " images made from the name").isZero();
                }
            }
            assertThat(browser.problems()).isEmpty();
        }
    }

    /** Signed-in pages and Vaadin's UIDL responses carry no-store; the CSP holds for a whole journey; logout is audited. */
    @Test
    void shouldSendNoStoreOnPagesAndUidlAndAuditTheLogout() throws Exception {
        long before = jdbc.sql("select count(*) from audit_event where username = 'therapist' and action = 'LOGOUT'").query(Long.class).single();
        try (Browser browser = new Browser(port)) {
            List<String> uncached = new CopyOnWriteArrayList<>();
            List<String> cached = new CopyOnWriteArrayList<>();
            browser.page.onResponse((Response r) -> {
                String url = r.url();
                if (url.contains("v-r=uidl") || url.endsWith("/patients") || url.endsWith("/followups")) {
                    String cacheControl = r.headers().getOrDefault("cache-control", "");
                    (cacheControl.contains("no-store") ? uncached : cached).add(url + " " + cacheControl);
                }
            });
            browser.signIn("therapist", "backstory-demo");
            assertThat(browser.page.locator("vaadin-side-nav-item").first())
                    .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
            browser.open("/patients");
            assertThat(browser.page.locator("vaadin-grid").first())
                    .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
            browser.page.waitForTimeout(500);
            browser.screenshot("security-patients-no-store");

            assertThat(uncached).anyMatch(u -> u.contains("v-r=uidl"));
            assertThat(cached).isEmpty();

            browser.page.locator("vaadin-button:has-text('Sign out')").first().click();
            assertThat(browser.page.locator("vaadin-login-form"))
                    .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
        }
        assertThat(jdbc.sql("select count(*) from audit_event where username = 'therapist' and action = 'LOGOUT'").query(Long.class).single())
                .isEqualTo(before + 1);
    }

    /** A throttled sign-in tells the person how long to wait, in words, on the login page. */
    @Test
    void shouldTellAThrottledPersonHowLongToWait() throws Exception {
        try (Browser browser = new Browser(port)) {
            browser.open("/login?error=throttled&wait=42");
            // the message is in the login form's shadow DOM, which getByText reaches
            assertThat(browser.page.getByText("Wait 42 seconds, then try again")).isVisible(
                    new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
            browser.screenshot("login-throttled");
        }
    }
}
