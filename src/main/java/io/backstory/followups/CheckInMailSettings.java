package io.backstory.followups;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code backstory.check-ins.*} (docs/deployment.md): the check-in email job. SMTP itself is Spring's
 * {@code spring.mail.*}; without {@code spring.mail.host} nothing is sent (demo mode).
 *
 * @param enabled        run the job on this node (every node may: it runs on one at a time)
 * @param interval       how often the job looks for due check-ins and pending messages
 * @param reminderDays   days after the invitation for the first and second reminder
 * @param noReplyAfterDays days after the invitation when an unanswered check-in goes to the staff worklist
 * @param catchUpDays    check-ins already this many days overdue when the job first sees them are left to staff
 * @param baseUrl        the public address of the app, for the links
 * @param from           the sender address
 * @param maxAttempts    attempts before a message fails for good
 * @param batch          messages claimed and sent per SMTP connection
 */
@ConfigurationProperties("backstory.check-ins")
record CheckInMailSettings(@DefaultValue("true") boolean enabled, @DefaultValue("60s") Duration interval,
                           @DefaultValue({"3", "7"}) List<Integer> reminderDays, @DefaultValue("10") int noReplyAfterDays,
                           @DefaultValue("7") int catchUpDays, @DefaultValue("http://localhost:8080") String baseUrl,
                           @DefaultValue("check-ins@backstory.invalid") String from, @DefaultValue("6") int maxAttempts,
                           @DefaultValue("200") int batch) {

    CheckInMailSettings {
        if (reminderDays.size() > 2 || reminderDays.stream().anyMatch(d -> d < 1 || d > 29)) {
            throw new IllegalArgumentException("backstory.check-ins.reminder-days: at most two values, each 1 to 29 days");
        }
        if (noReplyAfterDays < 1 || noReplyAfterDays > 30) {
            throw new IllegalArgumentException("backstory.check-ins.no-reply-after-days: 1 to 30 (links expire after 30 days)");
        }
        if (maxAttempts < 1 || batch < 1) {
            throw new IllegalArgumentException("backstory.check-ins.max-attempts and .batch: at least 1");
        }
    }
}
