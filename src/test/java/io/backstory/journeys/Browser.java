package io.backstory.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Debian's Chromium driven by Playwright: the machines cannot download Playwright's own browser,
 * and without the background-networking flags Chromium floods the closed network with requests.
 */
final class Browser implements AutoCloseable {
    /** How long a web-first assertion waits by default (Playwright's own default is 5 s). */
    static final double ASSERTION_TIMEOUT_MS = 20_000;

    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    /** Every demo account's password (DemoSeeder). */
    static final String DEMO_PASSWORD = "backstory-demo";

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;
    final Page page;
    private final String baseUrl;
    private final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();

    Browser(int port) {
        this(port, null);
    }

    /** A browser whose Accept-Language (and navigator.language) is the given language tag, e.g. "es". */
    Browser(int port, @org.jspecify.annotations.Nullable String language) {
        this(port, language, false);
    }

    /**
     * With {@code bypassCsp} the page ignores the app's content security policy: only for tests that inject a
     * tool of their own as an inline script (axe-core), which the app's nonce policy rightly refuses.
     */
    Browser(int port, @org.jspecify.annotations.Nullable String language, boolean bypassCsp) {
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                        "--no-first-run", "--disable-component-update", "--disable-sync")));
        com.microsoft.playwright.Browser.NewPageOptions options = new com.microsoft.playwright.Browser.NewPageOptions().setViewportSize(1280, 800);
        if (language != null) {
            options.setLocale(language);
        }
        options.setBypassCSP(bypassCsp);
        page = browser.newPage(options);
        page.setDefaultTimeout(30_000);
        // Assertions wait longer than Playwright's 5 s default: the build machine has two cores shared by several
        // JVMs and a Chromium, and a Vaadin round trip under that load can take several seconds. A real failure
        // still fails, only later.
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(Browser.ASSERTION_TIMEOUT_MS);
        // Every journey fails on a content-security-policy violation or an uncaught script error (issue 9 item 4):
        // a tightened policy that breaks the app, or injected markup that runs, shows up here.
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type()) && (m.text().contains("Content Security Policy") || m.text().contains("Refused to"))) {
                problems.add("CSP violation: " + m.text());
            }
        });
        page.onPageError(e -> problems.add("Page error: " + e));
        page.onDialog(d -> {
            problems.add("Dialog opened by a script: " + d.message());
            d.dismiss();
        });
        baseUrl = "http://localhost:" + port;
    }

    void open(String path) {
        page.navigate(baseUrl + path);
    }

    void signIn(String username, String password) {
        open("/login");
        page.locator("vaadin-text-field[name='username'] input").fill(username);
        page.locator("vaadin-password-field[name='password'] input").fill(password);
        page.locator("vaadin-button[slot='submit'], vaadin-login-form vaadin-button").first().click();
    }

    /** A new browser signed in as one of the demo clinic's accounts, on the home page. */
    static Browser signedInToDemo(int port, String username) {
        Browser browser = new Browser(port);
        browser.signInToDemo(username);
        return browser;
    }

    /** Signs in as one of the demo clinic's accounts and waits for the home page. */
    void signInToDemo(String username) {
        signIn(username, DEMO_PASSWORD);
        assertThat(page.locator(".home-view")).isVisible();
    }

    /**
     * From the patient list, opens the new-patient form and fills what it requires; the caller saves. Vaadin keeps
     * the native radio inputs visually hidden, so the sex ("Female", "Male") is chosen by role, as a keyboard user
     * would (focus, Space): a forced click right after the date picker's Enter can be swallowed by its closing overlay.
     */
    void fillNewPatient(String firstName, String lastName, String dateOfBirth, String sex) {
        open("/patients");
        press("New patient");
        page.getByLabel("First name").fill(firstName);
        page.getByLabel("Last name").fill(lastName);
        pickDate(page.getByLabel("Date of birth"), dateOfBirth);
        Locator radio = page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName(sex).setExact(true));
        radio.focus();
        page.keyboard().press("Space");
        assertThat(radio).isChecked();
    }

    /** The button of this exact accessible name. */
    static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /**
     * Types an ISO date into the date picker of this label and commits it with Enter, as a keyboard user would, then
     * waits for the picker's overlay to close: typing opens it, and a step taken while it is still closing can be
     * swallowed by it.
     */
    void pickDate(Locator field, String isoDate) {
        field.fill(isoDate);
        field.press("Enter");
        assertThat(page.locator("vaadin-date-picker[opened]")).hasCount(0);
    }

    /**
     * Clicks the button of this exact accessible name. When no such button turns up, the failure says what the page
     * held instead (address, open overlays, elements hidden from assistive technology, buttons of that text): a CI
     * log is all there is to read a flaky run by.
     */
    void press(String name) {
        try {
            button(page, name).click();
        } catch (com.microsoft.playwright.PlaywrightException e) {
            throw new AssertionError("No button \"" + name + "\" to click. " + state(name), e);
        }
    }

    private String state(String buttonText) {
        try {
            return page.url() + "\n" + page.evaluate("""
                    text => {
                      const lines = [];
                      const describe = el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\\s+/g, '.') : '')
                          + ['opened', 'closing', 'aria-hidden', 'inert', 'hidden', 'disabled'].filter(a => el.hasAttribute(a)).map(a => ' ' + a + '=' + el.getAttribute(a)).join('');
                      const walk = root => {
                        for (const el of root.querySelectorAll('*')) {
                          const component = el.tagName.includes('-') || el.parentElement === document.body;
                          if (el.hasAttribute('opened') || component && (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('inert'))) {
                            lines.push('  ' + describe(el));
                          }
                          if (el.tagName === 'VAADIN-BUTTON' && el.textContent.trim() === text) {
                            const chain = [];
                            for (let n = el; n; n = n.parentElement || (n.getRootNode() && n.getRootNode().host)) chain.push(describe(n));
                            const box = el.getBoundingClientRect();
                            lines.push('  button "' + text + '" ' + Math.round(box.width) + 'x' + Math.round(box.height) + ' in: ' + chain.join(' < '));
                          }
                          if (el.shadowRoot) walk(el.shadowRoot);
                        }
                      };
                      walk(document);
                      const shown = [...document.querySelectorAll('vaadin-button')].filter(b => b.offsetParent !== null)
                          .map(b => '"' + b.textContent.trim() + '"').slice(0, 12);
                      lines.push('  buttons shown: ' + (shown.join(', ') || 'none'));
                      const loading = document.querySelector('.v-loading-indicator');
                      lines.push('  document ' + document.readyState + ', Vaadin loading indicator '
                          + (loading ? getComputedStyle(loading).display + ' ' + loading.className : 'absent'));
                      return lines.join('\\n');
                    }""", buttonText);
        } catch (RuntimeException e) {
            return "(the page could not be read: " + e.getMessage() + ")";
        }
    }

    /** Waits for Vaadin to settle, then saves a full-page screenshot under target/screenshots. */
    Path screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        page.waitForLoadState();
        page.waitForTimeout(500);
        Path file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    /** The CSP violations, script errors and script-opened dialogs seen so far. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
        if (!problems.isEmpty()) {
            throw new AssertionError("The page reported problems: " + String.join("\n", problems));
        }
    }
}
