package io.backstory.followups;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckInThrottleTest {

    @Test
    void shouldBlockAClientAfterTenWrongTokensUntilTheWindowPasses() {
        CheckInTestConfig.MutableClock clock = new CheckInTestConfig.MutableClock();
        CheckInThrottle throttle = new CheckInThrottle(clock);
        for (int i = 0; i < CheckInThrottle.MAX_BAD - 1; i++) {
            throttle.recordBad("203.0.113.7");
        }
        assertThat(throttle.blocked("203.0.113.7")).isFalse();
        throttle.recordBad("203.0.113.7");
        assertThat(throttle.blocked("203.0.113.7")).isTrue();
        assertThat(throttle.blocked("198.51.100.1")).as("per client address").isFalse();
        clock.advance(CheckInThrottle.WINDOW.plus(Duration.ofSeconds(1)));
        assertThat(throttle.blocked("203.0.113.7")).isFalse();
    }
}
