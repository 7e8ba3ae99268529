package io.backstory.followups;

import io.backstory.base.FailureDiagnostics;
import io.backstory.patients.EpisodePatients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The check-in outbox (DESIGN §9). {@link #enqueueDue()} has {@link CheckInInvitations} write an invitation when a
 * check-in falls due for a consenting patient with an email address, and the reminders after it;
 * {@link #deliverDue()} hands pending messages to SMTP. Sent at least once (a message stays pending until the server
 * took it, and a crashed node's claim lapses), never twice for one check-in (the unique key on clinic, check-in and
 * kind), retried with exponential back-off, and failed for good after {@code max-attempts}. Without an SMTP server
 * (demo mode) nothing is sent: messages are held with their link for the Outbox view, which lists them through
 * {@link FollowUpReadModels#outboxMessages}.
 */
@Service
public class CheckInOutbox {

    private static final Logger log = LoggerFactory.getLogger(CheckInOutbox.class);

    /** A claimed message not settled within this time (its node died mid-send) is tried again. */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final CheckInInvitations invitations;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final CheckInMailSettings settings;
    private final EpisodePatients episodePatients;

    CheckInOutbox(JdbcClient jdbc, CheckInInvitations invitations, ObjectProvider<JavaMailSender> mailSender,
                  PlatformTransactionManager transactions, Clock clock, CheckInMailSettings settings,
                  EpisodePatients episodePatients) {
        this.episodePatients = episodePatients;
        this.jdbc = jdbc;
        this.invitations = invitations;
        this.mailSender = mailSender;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.settings = settings;
    }

    /** One run of the scheduled job: enqueue what fell due, then deliver until nothing is due. */
    public void runOnce() {
        enqueueDue();
        while (deliverDue() > 0) {
            // next batch
        }
    }

    /** Writes due invitations and reminders; returns how many messages it added. */
    public int enqueueDue() {
        return invitations.enqueueDue(LocalDate.now(clock), clock.instant());
    }

    /**
     * Claims a batch of due messages (SELECT ... FOR UPDATE SKIP LOCKED, so concurrent deliverers never take the same
     * row), hands them to SMTP and settles each. Returns how many it claimed.
     */
    public int deliverDue() {
        Instant now = clock.instant();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        ClaimedBatch batch = tx.execute(s -> {
            List<Claimed> rows = jdbc.sql("""
                            select clinic_id, id, recipient, subject, body, attempts from outbox_message
                            where status = ? and next_attempt_at <= ?
                            order by next_attempt_at, id
                            limit ?
                            for update skip locked""")
                    .params(OutboxStatus.PENDING.name(), at, settings.batch())
                    .query((rs, n) -> new Claimed(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6) + 1)).list();
            Map<Long, String> unwanted = unwanted(rows);
            OffsetDateTime leaseEnd = OffsetDateTime.ofInstant(now.plus(CLAIM_LEASE), ZoneOffset.UTC);
            List<Claimed> toSend = new ArrayList<>();
            for (Claimed c : rows) {
                String reason = unwanted.get(c.id());
                if (reason != null) {
                    cancel(c, at, reason);
                } else {
                    jdbc.sql("update outbox_message set attempts = attempts + 1, next_attempt_at = ? where clinic_id = ? and id = ?")
                            .params(leaseEnd, c.clinicId(), c.id()).update();
                    toSend.add(c);
                }
            }
            return new ClaimedBatch(rows.size(), toSend);
        });
        if (batch == null || batch.claimed() == 0) {
            return 0;
        }
        List<Claimed> claimed = batch.toSend();
        if (claimed.isEmpty()) {
            return batch.claimed();
        }
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            tx.executeWithoutResult(s -> claimed.forEach(c -> settle(c, OutboxStatus.HELD, at, null)));
            return batch.claimed();
        }
        Map<SimpleMailMessage, Claimed> messages = new IdentityHashMap<>();
        for (Claimed c : claimed) {
            SimpleMailMessage m = new SimpleMailMessage();
            m.setFrom(settings.from());
            m.setTo(c.recipient());
            m.setSubject(c.subject());
            m.setText(c.body());
            messages.put(m, c);
        }
        Map<Object, Exception> failed = new IdentityHashMap<>();
        try {
            sender.send(messages.keySet().toArray(SimpleMailMessage[]::new));
        } catch (MailSendException e) {
            if (e.getFailedMessages().isEmpty()) {
                messages.keySet().forEach(m -> failed.put(m, e));
            } else {
                failed.putAll(e.getFailedMessages());
            }
        } catch (MailException e) {
            messages.keySet().forEach(m -> failed.put(m, e));
        }
        Instant settledAt = clock.instant();
        tx.executeWithoutResult(s -> messages.forEach((m, c) -> {
            Exception error = failed.get(m);
            if (error == null) {
                settle(c, OutboxStatus.SENT, OffsetDateTime.ofInstant(settledAt, ZoneOffset.UTC), null);
            } else {
                retryOrFail(c, settledAt, error);
            }
        }));
        return batch.claimed();
    }

    /**
     * The send-time check: of the claimed messages, those that must not go out any more, with why. The patient may
     * have opted out (or lost their email address) since the message was queued, by any path, or the check-in been
     * completed by another channel; opting out by link also cancels at once ({@link #cancelForPatient}), this
     * catches whatever was claimed or queued around it.
     */
    private Map<Long, String> unwanted(List<Claimed> rows) {
        if (rows.isEmpty()) {
            return Map.of();
        }
        record Message(long id, long clinicId, long episodeId, boolean pending) implements CheckInAddressees.OfEpisode {
        }
        List<Message> messages = jdbc.sql("""
                        select o.id, o.clinic_id, f.episode_id, f.status
                        from outbox_message o
                        join follow_up f on f.id = o.follow_up_id and f.clinic_id = o.clinic_id
                        where o.id in (:ids)""")
                .param("ids", rows.stream().map(Claimed::id).toList())
                .query((rs, n) -> new Message(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        FollowUpStatus.PENDING.name().equals(rs.getString(4)))).list();
        Map<Long, Map<Long, EpisodePatients.EpisodePatient>> patients = CheckInAddressees.patientsOf(episodePatients, messages);
        Map<Long, String> reasons = new HashMap<>();
        for (Message m : messages) {
            EpisodePatients.EpisodePatient p = patients.get(m.clinicId()).get(m.episodeId());
            if (p == null) {
                continue;
            }
            if (!p.consentFollowUp()) {
                reasons.put(m.id(), OPTED_OUT);
            } else if (p.email() == null) {
                reasons.put(m.id(), NO_EMAIL);
            } else if (!m.pending()) {
                reasons.put(m.id(), COMPLETED);
            }
        }
        return reasons;
    }

    static final String OPTED_OUT = "Not sent: the patient opted out of check-in messages";
    private static final String NO_EMAIL = "Not sent: the patient has no email address any more";
    private static final String COMPLETED = "Not sent: the check-in was already completed";

    private void cancel(Claimed c, OffsetDateTime at, String reason) {
        jdbc.sql("update outbox_message set status = ?, body = null, link = null, last_error = ?, next_attempt_at = ? "
                + "where clinic_id = ? and id = ?").params(OutboxStatus.CANCELED.name(), reason, at, c.clinicId(), c.id()).update();
    }

    /**
     * The patient opted out (DESIGN §9): every message of theirs not yet handed to the SMTP server is cancelled, in
     * the opt-out's transaction. A message another node is sending at this very moment still goes (and is recorded
     * as SENT); the send-time check in {@link #deliverDue()} stops everything claimed afterwards.
     */
    int cancelForPatient(long clinicId, long patientId) {
        List<Long> episodes = episodePatients.episodeIdsOf(clinicId, patientId);
        if (episodes.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update outbox_message set status = :canceled, body = null, link = null, last_error = :reason,
                                                  next_attempt_at = :now
                        where clinic_id = :clinic and status in (:unsent)
                          and follow_up_id in (select f.id from follow_up f
                                               where f.clinic_id = :clinic and f.episode_id in (:episodes))""")
                .param("canceled", OutboxStatus.CANCELED.name())
                .param("unsent", List.of(OutboxStatus.PENDING.name(), OutboxStatus.HELD.name()))
                .param("reason", OPTED_OUT).param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .param("clinic", clinicId).param("episodes", episodes).update();
    }

    private void settle(Claimed c, OutboxStatus status, OffsetDateTime at, @Nullable String error) {
        if (status == OutboxStatus.SENT) {
            // The body carries the personal link: once the server has it, the database need not.
            jdbc.sql("update outbox_message set status = ?, sent_at = ?, body = null, link = null, last_error = null "
                    + "where clinic_id = ? and id = ?").params(OutboxStatus.SENT.name(), at, c.clinicId(), c.id()).update();
        } else {
            // only while still pending: a message cancelled by an opt-out in between stays cancelled
            jdbc.sql("update outbox_message set status = ?, sent_at = ?, last_error = ? where clinic_id = ? and id = ? and status = ?")
                    .params(status.name(), status == OutboxStatus.HELD ? null : at, error, c.clinicId(), c.id(),
                            OutboxStatus.PENDING.name()).update();
        }
    }

    private void retryOrFail(Claimed c, Instant now, Exception error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        message = message.substring(0, Math.min(message.length(), 500));
        if (c.attempt() >= settings.maxAttempts()) {
            // the mail server's text names the recipient's address: it stays in the outbox row for the admins, the log gets
            // the exception classes only
            log.warn("Check-in message {} failed for good after {} attempts: {}", c.id(), c.attempt(), FailureDiagnostics.describe(error));
            settle(c, OutboxStatus.FAILED, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), message);
        } else {
            jdbc.sql("update outbox_message set next_attempt_at = ?, last_error = ? where clinic_id = ? and id = ? and status = ?")
                    .params(OffsetDateTime.ofInstant(now.plus(backOff(c.attempt())), ZoneOffset.UTC), message, c.clinicId(), c.id(),
                            OutboxStatus.PENDING.name())
                    .update();
        }
    }

    /** 1, 4, 16, 64 minutes ... after the 1st, 2nd, 3rd ... failed attempt, at most 6 hours. */
    static Duration backOff(int attempt) {
        long minutes = 1L << Math.min(2 * (attempt - 1), 20);
        return Duration.ofMinutes(Math.min(minutes, Duration.ofHours(6).toMinutes()));
    }

    /** True when no SMTP server is configured: messages are held for the Outbox view, none leaves the machine. */
    public boolean demoMode() {
        return mailSender.getIfAvailable() == null;
    }

    private record Claimed(long clinicId, long id, String recipient, String subject, String body, int attempt) {
    }

    /** How many rows one claim took, and those of them still to be sent. */
    private record ClaimedBatch(int claimed, List<Claimed> toSend) {
    }
}
