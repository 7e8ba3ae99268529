package io.backstory.followups;

import io.backstory.BackstoryTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The app with SMTP pointed at the in-process {@link SmtpSink} and a movable clock. The job is not scheduled here:
 * the tests run it ({@link CheckInOutbox#runOnce()}) when they choose; {@code CheckInTwoNodesTest} covers the
 * scheduler. One shared context for every check-in test; the clock is put back after each.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@BackstoryTest
@Import(CheckInTestConfig.class)
@ExtendWith(CheckInTestConfig.ResetClock.class)
@TestPropertySource(properties = {"spring.mail.host=localhost", "spring.mail.port=" + CheckInTestConfig.SMTP_PORT,
        "backstory.check-ins.enabled=false", "backstory.check-ins.max-attempts=3"})
public @interface CheckInTest {
}
