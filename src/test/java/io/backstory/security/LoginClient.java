package io.backstory.security;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A browser-like HTTP client for sign-in tests: keeps its cookies, reads the CSRF token from the login
 * page as Vaadin's login form does, and can play a client at another address through the trusted
 * test proxy (X-Forwarded-For; the test profile trusts 127.0.0.1).
 */
final class LoginClient {

    private static final Pattern META = Pattern.compile("<meta[^>]*name=\"(_csrf(?:_parameter)?)\"[^>]*content=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final @Nullable String forwardedFor;

    LoginClient(int port, @Nullable String forwardedFor) {
        this.base = "http://127.0.0.1:" + port;
        this.forwardedFor = forwardedFor;
    }

    /** The address this client plays (null: the test's own, 127.0.0.1). */
    @Nullable String address() {
        return forwardedFor;
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return b;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The login page's CSRF parameter name and token, as its meta tags give them. */
    String[] csrf() throws Exception {
        String page = get("/login").body();
        String name = null;
        String token = null;
        Matcher m = META.matcher(page);
        while (m.find()) {
            if (m.group(1).equals("_csrf_parameter")) {
                name = m.group(2);
            } else {
                token = m.group(2);
            }
        }
        if (name == null || token == null) {
            throw new IllegalStateException("The login page has no CSRF meta tags");
        }
        return new String[] {name, token};
    }

    /** Posts the login form as the browser does: with the page's CSRF token. */
    HttpResponse<String> login(String username, String password) throws Exception {
        String[] csrf = csrf();
        return postLogin(form(username, password) + "&" + csrf[0] + "=" + enc(csrf[1]), null);
    }

    /** Posts the login form without a token, as a page on another site would. */
    HttpResponse<String> loginWithoutToken(String username, String password, @Nullable String origin) throws Exception {
        return postLogin(form(username, password), origin);
    }

    private HttpResponse<String> postLogin(String body, @Nullable String origin) throws Exception {
        HttpRequest.Builder b = request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET on the API with HTTP Basic credentials. */
    HttpResponse<String> api(String path, String username, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(request(path).header("Authorization", "Basic " + basic).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String username, String password) {
        return "username=" + enc(username) + "&password=" + enc(password);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
