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

    private HttpResponse<String> get(String user, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/reports/recurrence" + query));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
