package io.backstory.base.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.BackstoryTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.ModelAndView;

/** The one error page template: its words by status, and Spring's error path answering a browser with it. */
@BackstoryTest
class ErrorPagesTest {

    @LocalServerPort
    int port;
    @Autowired
    ErrorPages pages;

    @Test
    void shouldFillTheOneTemplateWithTheWordsForTheStatus() throws Exception {
        assertThat(render(HttpStatus.NOT_FOUND)).contains("<h1>This page does not exist</h1>", "<title>Backstory</title>",
                "Back to the home page").doesNotContain("{{");
        assertThat(render(HttpStatus.METHOD_NOT_ALLOWED)).contains("<h1>This request could not be handled</h1>");
        assertThat(render(HttpStatus.SERVICE_UNAVAILABLE)).contains("<h1>Backstory could not answer just now</h1>",
                "its database is restarting");
    }

    @Test
    void shouldAnswerABrowserOnTheErrorPathWithThePage() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/error"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<div class=\"brand\">Backstory</div>").doesNotContain("{{");
    }

    private String render(HttpStatus status) throws Exception {
        ModelAndView view = pages.resolveErrorView(new MockHttpServletRequest(), status, Map.of());
        assertThat(view.getStatus()).isEqualTo(status);
        MockHttpServletResponse response = new MockHttpServletResponse();
        view.getView().render(Map.of(), new MockHttpServletRequest(), response);
        return response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
