package io.backstory.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginThrottlePolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    // The shipped defaults (application.properties).
    private final LoginThrottlePolicy policy = new LoginThrottlePolicy(20, Duration.ofMinutes(10), 5, Duration.ofMinutes(15),
            Duration.ofSeconds(2), Duration.ofMinutes(5), 10, Duration.ofMinutes(15));

    private static List<Instant> secondsAgo(long... ago) {
        List<Instant> times = new ArrayList<>();
        for (long a : ago) {
            times.add(NOW.minusSeconds(a));
        }
        return times;
    }

    @Test
    void shouldLetTheFirstFourFailuresCostNothing() {
        assertThat(policy.accountWait(secondsAgo(4, 3, 2, 1), NOW)).isEmpty();
    }

    @Test
    void shouldDelayTheTryAfterTheFifthFailureAndDoubleTheDelayAfterEachFurtherOne() {
        assertThat(policy.delayAfter(5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(6)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(9)).isEqualTo(Duration.ofSeconds(32));
        assertThat(policy.delayAfter(40)).isEqualTo(Duration.ofMinutes(5));
        // fifth failure 1 s ago: one more second to wait
        assertThat(policy.accountWait(secondsAgo(50, 40, 30, 20, 1), NOW)).contains(Duration.ofSeconds(1));
        // sixth failure 1 s ago: 3 s
        assertThat(policy.accountWait(secondsAgo(60, 50, 40, 30, 20, 1), NOW)).contains(Duration.ofSeconds(3));
        // the delay has passed
        assertThat(policy.accountWait(secondsAgo(60, 50, 40, 30, 20, 5), NOW)).isEmpty();
    }

    @Test
    void shouldCountOnlyFailuresInsideTheSlidingWindow() {
        // five failures, but the oldest is 16 minutes old: four count, no delay
        assertThat(policy.accountWait(secondsAgo(16 * 60, 4, 3, 2, 1), NOW)).isEmpty();
    }

    @Test
    void shouldLockOnlyAtTheTenthFailureInTheWindow() {
        assertThat(policy.locks(9)).isFalse();
        assertThat(policy.locks(10)).isTrue();
        // Reaching ten takes the throttled tries 5..9: at least 2+4+8+16+32 s of waiting by one client.
        long minimum = 0;
        for (int n = 5; n < 10; n++) {
            minimum += policy.delayAfter(n).toSeconds();
        }
        assertThat(minimum).isEqualTo(62);
    }

    @Test
    void shouldRefuseAClientAfterTwentyFailuresUntilTheOldestLeavesTheWindow() {
        List<Instant> failures = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            failures.add(NOW.minusSeconds(300 - i));
        }
        assertThat(policy.clientWait(failures, NOW)).isEmpty();
        failures.add(NOW.minusSeconds(1));
        // the oldest (300 s ago) leaves the 600 s window in 300 s
        assertThat(policy.clientWait(failures, NOW)).contains(Duration.ofSeconds(300));
    }

    @Test
    void shouldRefuseAPolicyThatLocksBeforeItDelays() {
        assertThatThrownBy(() -> new LoginThrottlePolicy(20, Duration.ofMinutes(10), 5, Duration.ofMinutes(15),
                Duration.ofSeconds(2), Duration.ofMinutes(5), 5, Duration.ofMinutes(15)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lock after");
    }
}
