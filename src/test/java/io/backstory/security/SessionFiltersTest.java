package io.backstory.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The two session-ending filters, without a server: which sessions end, and what the request does then. */
class SessionFiltersTest {

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void shouldEndASessionOlderThanItsLifetimeAndSendTheRequestToTheLoginPage() throws Exception {
        MockHttpServletRequest request = request("/patients");
        MockHttpSession session = (MockHttpSession) request.getSession();
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        SecurityConfig.sessionLifetimeFilter(Duration.ofMillis(-1)).doFilter(request, response, chain);

        assertThat(session.isInvalid()).isTrue();
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?expired");
        assertThat(chain.getRequest()).as("the request stops at the redirect").isNull();
    }

    @Test
    void shouldLetAYoungSessionThrough() throws Exception {
        MockHttpServletRequest request = request("/patients");
        MockHttpSession session = (MockHttpSession) request.getSession();
        MockFilterChain chain = new MockFilterChain();

        SecurityConfig.sessionLifetimeFilter(Duration.ofHours(10)).doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(session.isInvalid()).isFalse();
        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void shouldEndARevokedSessionAndGoOnSignedOut() throws Exception {
        signIn();
        MockHttpServletRequest request = request("/patients");
        MockHttpSession session = (MockHttpSession) request.getSession();
        MockFilterChain chain = new MockFilterChain();

        SecurityConfig.sessionRevocationFilter(sessions(false)).doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(session.isInvalid()).isTrue();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
        assertThat(chain.getRequest()).as("the request goes on, signed out").isSameAs(request);
    }

    @Test
    void shouldKeepAValidSessionAndLeaveStaticResourcesAlone() throws Exception {
        signIn();
        MockHttpServletRequest valid = request("/patients");
        SecurityConfig.sessionRevocationFilter(sessions(true)).doFilter(valid, new MockHttpServletResponse(), new MockFilterChain());
        MockHttpServletRequest resource = request("/VAADIN/build/app.js");
        SecurityConfig.sessionRevocationFilter(sessions(false)).doFilter(resource, new MockHttpServletResponse(), new MockFilterChain());

        assertThat(((MockHttpSession) valid.getSession()).isInvalid()).isFalse();
        assertThat(((MockHttpSession) resource.getSession()).isInvalid()).isFalse();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNotNull();
    }

    private static MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        request.setSession(new MockHttpSession());
        return request;
    }

    private static void signIn() {
        BackstoryUser user = new BackstoryUser(1, 1, "t", "T", Set.of(Role.THERAPIST), "", true, false, 0);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    private static LiveSessions sessions(boolean valid) {
        return new LiveSessions(null) {
            @Override
            boolean stillValid(BackstoryUser user) {
                return valid;
            }
        };
    }
}
