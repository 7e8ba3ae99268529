package io.backstory.followups;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * For the check-in tests: an SMTP sink on this worktree's fixed test port (the mail properties point at it) and a
 * clock the test can move to the day a check-in falls due.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CheckInTestConfig {

    public static final int SMTP_PORT = 28096;
    private static SmtpSink sink;

    public static synchronized SmtpSink sink() {
        if (sink == null) {
            sink = new SmtpSink(SMTP_PORT);
        }
        return sink;
    }

    @Bean
    SmtpSink smtpSink() {
        return sink();
    }

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock();
    }

    /** The system clock plus an offset the test sets; reset it after each test. */
    public static final class MutableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;
        private final Clock system = Clock.systemDefaultZone();

        public void advance(Duration by) {
            offset = offset.plus(by);
        }

        public void reset() {
            offset = Duration.ZERO;
        }

        @Override
        public ZoneId getZone() {
            return system.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return system.withZone(zone);
        }

        @Override
        public Instant instant() {
            return system.instant().plus(offset);
        }
    }
}
