package io.backstory.followups;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The wrong-token throttle counts in the database: bad tokens seen by one node block the client on another. The
 * second node is a second throttle with nothing in common with the first but the database.
 */
@CheckInTest
class CheckInThrottleTest {

    @Autowired CheckInThrottle nodeA;
    @Autowired JdbcClient jdbc;
    @Autowired CheckInTestConfig.MutableClock clock;

    @Test
    void shouldBlockAClientAfterTenWrongTokensOnAnyNodeUntilTheWindowPasses() {
        CheckInThrottle nodeB = new CheckInThrottle(jdbc, clock);
        String client = "203.0.113." + (System.nanoTime() % 200 + 20) + "-" + System.nanoTime();
        for (int i = 0; i < CheckInThrottle.MAX_BAD - 1; i++) {
            (i % 2 == 0 ? nodeA : nodeB).recordBad(client);
        }
        assertThat(nodeA.blocked(client)).isFalse();
        assertThat(nodeB.blocked(client)).isFalse();
        nodeB.recordBad(client);
        assertThat(nodeA.blocked(client)).as("blocked on the node that saw only half the failures").isTrue();
        assertThat(nodeB.blocked(client)).isTrue();
        assertThat(nodeA.blocked("198.51.100.1-" + System.nanoTime())).as("per client address").isFalse();
        clock.advance(CheckInThrottle.WINDOW.plus(Duration.ofSeconds(1)));
        assertThat(nodeA.blocked(client)).isFalse();
        assertThat(nodeB.blocked(client)).isFalse();
    }
}
