package io.backstory.security;

import static io.backstory.security.TestAccounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.BackstoryTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Issue 9 items 5 and 6: login CSRF, and the app behind a TLS proxy. */
@BackstoryTest
class TransportSecurityTest {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts testAccounts;

    private String newTherapist() {
        return testAccounts.newAccount(Role.THERAPIST);
    }

    @Test
    void shouldKeepABrowserSignedOutWhenAForeignSitePostsTheLoginFormWithoutAToken() throws Exception {
        String username = newTherapist();
        LoginClient victim = new LoginClient(port, "198.51.100.201");
        victim.get("/login");
        HttpResponse<String> forged = victim.loginWithoutToken(username, PASSWORD, "https://evil.example");

        // refused by the CSRF filter: 403, or Vaadin's handler sending the anonymous browser back to the login page
        assertThat(forged.statusCode()).isIn(302, 403);
        assertThat(forged.headers().firstValue("Location").orElse("/login")).endsWith("/login");
        // the browser's session is still anonymous: a signed-in page sends it to the login page
        HttpResponse<String> home = victim.get("/patients");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        // with the page's token the same credentials sign in
        assertThat(new LoginClient(port, "198.51.100.202").login(username, PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    }

    @Test
    void shouldNeverPutTheSessionIdInARedirectUrl() throws Exception {
        HttpResponse<String> redirect = new LoginClient(port, null).get("/patients");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContainIgnoringCase("jsessionid"));
    }

    @Test
    void shouldTrustHttpsFromTheProxyForTheSecureCookieAndHsts() throws Exception {
        LoginClient client = new LoginClient(port, "198.51.100.203");
        HttpResponse<String> page = send(client.request("/login").header("X-Forwarded-Proto", "https").build());
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").contains("Secure"));
        assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(h -> assertThat(h).contains("max-age=31536000"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");

        // over plain HTTP no HSTS (it would be ignored) and no Secure flag, as the demo runs
        HttpResponse<String> plain = new LoginClient(port, "198.51.100.204").get("/login");
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    private static HttpResponse<String> send(java.net.http.HttpRequest request) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldSendAScriptNonceInsteadOfUnsafeInlineAndPutItOnVaadinsScripts() throws Exception {
        HttpResponse<String> page = new LoginClient(port, null).get("/login");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).doesNotContain("script-src 'self' 'unsafe-inline'").contains("'nonce-").contains("object-src 'none'");
        String nonce = csp.replaceAll(".*'nonce-([^']+)'.*", "$1");
        assertThat(page.body()).contains("nonce=\"" + nonce + "\"");
        // every script element of the page carries this response's nonce (Pattern.quote: base64 has + and /)
        assertThat(page.body().split("<script").length - 1).isPositive()
                .isEqualTo(page.body().split(java.util.regex.Pattern.quote("nonce=\"" + nonce + "\"")).length - 1);
    }

    @Test
    void shouldRedirectPlainHttpToHttpsAndSendHstsWhenHttpsIsRequired() throws Exception {
        SecurityHeadersFilter filter = new SecurityHeadersFilter(true);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setServerName("clinic.example.org");
        request.setQueryString("a=1");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(308);
        assertThat(response.getHeader("Location")).isEqualTo("https://clinic.example.org/login?a=1");

        MockHttpServletRequest secure = new MockHttpServletRequest("GET", "/patients");
        secure.setSecure(true);
        MockHttpServletResponse ok = new MockHttpServletResponse();
        filter.doFilter(secure, ok, new MockFilterChain());
        assertThat(ok.getStatus()).isEqualTo(200);
        assertThat(ok.getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
        assertThat(ok.getHeader("Cache-Control")).isEqualTo("no-store");

        // the container's health probe stays on plain HTTP inside the compose network
        MockHttpServletRequest probe = new MockHttpServletRequest("GET", "/actuator/health/liveness");
        MockHttpServletResponse probed = new MockHttpServletResponse();
        filter.doFilter(probe, probed, new MockFilterChain());
        assertThat(probed.getStatus()).isEqualTo(200);
    }

    @Test
    void shouldBuildTheTrustedProxyPatternFromAddressesAndNetworksOnly() {
        assertThat(TrustedProxies.pattern("")).isEmpty();
        String pattern = TrustedProxies.pattern("172.18.0.0/16, 10.1.2.3");
        assertThat("172.18.4.5").matches(pattern);
        assertThat("10.1.2.3").matches(pattern);
        assertThat("10.1.2.30").doesNotMatch(pattern);
        assertThat("172.19.0.1").doesNotMatch(pattern);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrustedProxies.pattern("caddy"))
                .hasMessageContaining("BACKSTORY_TRUSTED_PROXIES").hasMessageContaining("caddy");
    }
}
