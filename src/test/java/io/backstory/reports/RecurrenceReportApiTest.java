package io.backstory.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.BackstoryTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GET /api/reports/recurrence over real HTTP with Basic authentication. */
@BackstoryTest
class RecurrenceReportApiTest {

    private static final String PASSWORD = "backstory-demo";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldAnswer401WithoutCredentials() throws Exception {
        HttpResponse<String> response = get(null, "");
        assertThat(response.statusCode()).as(response.headers().map().toString()).isEqualTo(401);
    }

    @Test
    void shouldAnswer403ToATherapist() throws Exception {
        assertThat(get("therapist", "").statusCode()).isEqualTo(403);
    }

    @Test
    void shouldAnswerTheAnalysisJsonToTheOwnerAndTheAdmin() throws Exception {
        HttpResponse<String> owner = get("owner", "");
        assertThat(owner.statusCode()).isEqualTo(200);
        assertThat(owner.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(owner.body()).contains("\"verdict\"", "\"cox\"", "\"km\"", "\"horizon_days\"");
        HttpResponse<String> admin = get("admin", "?horizon=180&chronicity=chronic&startback=high");
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("\"horizon_days\":180");
    }

    @Test
    void shouldAnswer400ToABadFilter() throws Exception {
        HttpResponse<String> response = get("owner", "?chronicity=sometimes");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("chronicity");
    }

    @Test
    void shouldAnswerInsufficientDataWhenTheFilterLeavesTooLittleData() throws Exception {
        HttpResponse<String> none = get("owner", "?from=1900-01-01&to=1900-12-31");
        assertThat(none.statusCode()).as(none.body()).isEqualTo(200);
        assertThat(none.body()).contains("\"code\":\"INSUFFICIENT_DATA\"", "\"n\":0");
        HttpResponse<String> few = get("owner", "?chronicity=acute&startback=high&horizon=30");
        assertThat(few.statusCode()).as(few.body()).isEqualTo(200);
        assertThat(few.body()).contains("\"verdict\"");
    }

    @Test
    void shouldRefuseDatesOutsideTheYears1900To9999NamingTheParameter() throws Exception {
        HttpResponse<String> far = get("owner", "?from=%2B999999999-01-01");
        assertThat(far.statusCode()).as(far.body()).isEqualTo(400);
        assertThat(far.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(far.body()).contains("\"parameter\":\"from\"", "between 1900-01-01 and 9999-12-31");
        HttpResponse<String> early = get("owner", "?to=1899-12-31");
        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(early.body()).contains("\"parameter\":\"to\"");
        HttpResponse<String> garbage = get("owner", "?from=yesterday");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("\"parameter\":\"from\"", "ISO date").doesNotContain("Exception");
    }

    @Test
    void shouldAnswer404JsonForAnUnknownApiPath() throws Exception {
        HttpResponse<String> response = send("owner", "/api/no-such-thing", "GET");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(response.body()).contains("\"status\":404").doesNotContain("<html");
        assertThat(send(null, "/api/no-such-thing", "GET").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAnswer405JsonForAWrongMethod() throws Exception {
        for (String method : new String[] {"POST", "DELETE", "PUT"}) {
            HttpResponse<String> response = send("owner", "/api/reports/recurrence", method);
            assertThat(response.statusCode()).as(method + " " + response.body()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET");
            assertThat(response.body()).contains("\"status\":405");
        }
    }

    private HttpResponse<String> send(String user, String path, String method) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String user, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/reports/recurrence" + query));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
