package io.backstory.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.BackstoryTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Not a regression test but a before/after tool for refactorings that must not change the owner's numbers:
 * writes the owner report JSON of the seeded demo clinic, for a few filters, to
 * {@code target/owner-report-snapshot/}; compare two runs with {@code diff -r}. Tagged "snapshot", so it runs
 * only when asked: {@code ./mvnw test -Dtest=OwnerReportSnapshotTest -Dtest.groups=snapshot -Dtest.excludedGroups=}
 * (the demo clinic's dates follow the clock, so compare runs made on the same day).
 */
@Tag("snapshot")
@BackstoryTest
class OwnerReportSnapshotTest {

    private static final List<String> QUERIES = List.of("", "?horizon=180", "?chronicity=chronic&startback=high",
            "?horizon=90&chronicity=acute");

    @LocalServerPort
    int port;

    @Test
    void shouldWriteTheOwnerReportOfTheDemoClinic() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Path dir = Files.createDirectories(Path.of("target", "owner-report-snapshot"));
        for (int i = 0; i < QUERIES.size(); i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/reports/recurrence" + QUERIES.get(i)))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString("owner:backstory-demo".getBytes(StandardCharsets.UTF_8)))
                    .GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            // computed_at, the data version and the engine's run time change from run to run; every figure stays
            String body = response.body().replaceAll("\"(computed_at|generated_at|data_version)\":\"[^\"]*\"", "\"$1\":\"-\"")
                    .replaceAll("\"timing_ms\":[0-9.]+", "\"timing_ms\":-");
            Files.writeString(dir.resolve("report-" + i + ".json"), QUERIES.get(i) + "\n" + body);
        }
    }
}
