package io.backstory.base.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * The calm HTML page a browser gets for an error outside the Vaadin UI (the check-in page, a dead link, the
 * database restarting): one template, {@code error-pages/page.html}, with the words for "not found", any other
 * client error and a server error. Static, with no script and nothing from the request in it, so it renders even
 * when the database does not answer and cannot echo an attacker's input.
 */
@Component
class ErrorPages implements ErrorViewResolver {

    private static final String TEMPLATE = read("/error-pages/page.html");

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        String[] words = words(status);
        String html = TEMPLATE.replace("{{title}}", words[0]).replace("{{text}}", words[1]);
        ModelAndView page = new ModelAndView(new HtmlView(html));
        page.setStatus(status);
        return page;
    }

    /** Title and text by status: 404, another 4xx, or a 5xx. */
    static String[] words(HttpStatus status) {
        if (status == HttpStatus.NOT_FOUND) {
            return new String[] {"This page does not exist",
                    "The address may be mistyped, or the page was moved. Nothing has been changed."};
        }
        if (status.is4xxClientError()) {
            return new String[] {"This request could not be handled",
                    "The address or the request was not valid. Nothing has been changed."};
        }
        return new String[] {"Backstory could not answer just now",
                "The server hit a problem, or its database is restarting. Nothing you already saved is lost: wait a minute "
                        + "and try again. If it keeps happening, tell your administrator."};
    }

    private static String read(String resource) {
        try (InputStream in = ErrorPages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record HtmlView(String html) implements View {

        @Override
        public String getContentType() {
            return MediaType.TEXT_HTML_VALUE + ";charset=UTF-8";
        }

        @Override
        public void render(@Nullable Map<String, ?> model, HttpServletRequest request,
                           jakarta.servlet.http.HttpServletResponse response) throws IOException {
            response.setContentType(getContentType());
            response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
        }
    }
}
