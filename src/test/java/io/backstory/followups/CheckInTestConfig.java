package io.backstory.followups;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.junit.jupiter.SpringExtension;

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

    @Bean
    FirstCheckIn firstCheckIn(CheckInOutbox outbox, MutableClock clock, SmtpSink smtp) {
        return new FirstCheckIn(outbox, clock, smtp);
    }

    /** The system clock plus an offset the test sets; {@link CheckInTest} resets it after each test. */
    public static final class MutableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;
        private final Clock system = Clock.systemDefaultZone();

        public void advance(Duration by) {
            offset = offset.plus(by);
        }

        /** On by whole days until the clock's date is {@code day}; the time of day stays. */
        public void advanceTo(LocalDate day) {
            advance(Duration.ofDays(day.toEpochDay() - LocalDate.now(this).toEpochDay()));
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

    /** Puts the clock back after every check-in test, so none starts on the day another moved to. */
    public static final class ResetClock implements AfterEachCallback {

        @Override
        public void afterEach(ExtensionContext context) {
            SpringExtension.getApplicationContext(context).getBean(MutableClock.class).reset();
        }
    }

    /** The day a discharged patient's first check-in email goes out, as the browser and HTTP tests reach it. */
    public record FirstCheckIn(CheckInOutbox outbox, MutableClock clock, SmtpSink smtp) {

        /**
         * Moves the clock to an hour into the 1-month check-in after {@code discharged}, runs the job once as
         * db-scheduler would (nobody signed in), and returns what the sink got for {@code email}.
         */
        public List<SmtpSink.Message> sent(LocalDate discharged, String email) {
            clock.advanceTo(discharged.plusMonths(1));
            clock.advance(Duration.ofHours(1));
            outbox.runOnce();
            return smtp.to(email);
        }
    }
}
