package io.backstory.followups;

import io.backstory.clinic.ClinicDirectory;
import io.backstory.patients.EpisodePatients;
import io.backstory.security.AuditLog;
import io.backstory.security.CurrentUser;
import io.backstory.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The check-in outbox (DESIGN §9). {@link #enqueueDue()} writes an invitation when a check-in falls due for a
 * consenting patient with an email address, and the reminders after it; {@link #deliverDue()} hands pending
 * messages to SMTP. Sent at least once (a message stays pending until the server took it, and a crashed node's
 * claim lapses), never twice for one check-in (the unique key on clinic, check-in and kind), retried with
 * exponential back-off, and failed for good after {@code max-attempts}. Without an SMTP server (demo mode) nothing
 * is sent: messages are held with their link for the Outbox view.
 */
@Service
public class CheckInOutbox {

    private static final Logger log = LoggerFactory.getLogger(CheckInOutbox.class);

    /** A claimed message not settled within this time (its node died mid-send) is tried again. */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(5);

    /*
     * "Not yet queued" is a correlated count on the unique key (clinic, check-in, kind), a point lookup per candidate,
     * rather than NOT EXISTS: PostgreSQL turns NOT EXISTS into an anti-join whose shape follows the statistics, and
     * while the job itself grows outbox_message by thousands of rows faster than they are analysed (a first day, a
     * catch-up), the planner matched every candidate against every message of the clinic: about 20 s per batch of 200
     * in CheckInOutboxBenchmark, 1,000 invitations a minute. A subquery in the WHERE clause stays a per-row lookup.
     *
     * The candidates are this module's rows only; whether the patient consents and has an email address is asked of
     * the patients module per batch (docs/style.md rule 9). Candidates of patients who do not stay unqueued, so the
     * batches walk forward by their sort key (keyset) rather than asking again from the start.
     */
    private static final String DUE_INVITATIONS = """
            select f.clinic_id, f.id, f.episode_id, f.due_date
            from follow_up f
            where f.status = :pending and f.due_date <= :today and f.due_date >= :earliest
              and (f.due_date > :afterDue or (f.due_date = :afterDue and f.id > :afterId))
              and (select count(*) from outbox_message o
                   where o.clinic_id = f.clinic_id and o.follow_up_id = f.id and o.kind = :invitation) = 0
            order by f.due_date, f.id
            limit :batch
            """;

    private static final String DUE_REMINDERS = """
            select f.clinic_id, f.id, f.episode_id, i.created_at
            from outbox_message i
            join follow_up f on f.id = i.follow_up_id and f.clinic_id = i.clinic_id
            where i.kind = :invitation and i.status <> :failed and i.created_at <= :cutoff and f.status = :pending
              and (i.created_at > :afterAt or (i.created_at = :afterAt and f.id > :afterId))
              and (:previous = '' or (select count(*) from outbox_message r where r.clinic_id = f.clinic_id
                                         and r.follow_up_id = f.id and r.kind = :previous) > 0)
              and (select count(*) from outbox_message o
                   where o.clinic_id = f.clinic_id and o.follow_up_id = f.id and o.kind = :kind) = 0
            order by i.created_at, f.id
            limit :batch
            """;

    /** Before every sort key of {@link #DUE_REMINDERS}: where its first batch starts. */
    private static final OffsetDateTime LONG_AGO = OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final JdbcClient jdbc;
    private final CheckInLinks links;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final TransactionTemplate tx;
    private final CurrentUser currentUser;
    private final AuditLog auditLog;
    private final Clock clock;
    private final CheckInMailSettings settings;
    private final EpisodePatients episodePatients;
    private final ClinicDirectory clinicDirectory;

    CheckInOutbox(JdbcClient jdbc, CheckInLinks links, ObjectProvider<JavaMailSender> mailSender,
                  PlatformTransactionManager transactions, CurrentUser currentUser, AuditLog auditLog, Clock clock,
                  CheckInMailSettings settings, EpisodePatients episodePatients, ClinicDirectory clinicDirectory) {
        this.episodePatients = episodePatients;
        this.clinicDirectory = clinicDirectory;
        this.jdbc = jdbc;
        this.links = links;
        this.mailSender = mailSender;
        this.tx = new TransactionTemplate(transactions);
        this.currentUser = currentUser;
        this.auditLog = auditLog;
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
        LocalDate today = LocalDate.now(clock);
        Instant now = clock.instant();
        int added = 0;
        List<Candidate> batch;
        LocalDate earliest = today.minusDays(settings.catchUpDays());
        Object afterKey = earliest.minusDays(1);
        long afterId = 0;
        do {
            batch = jdbc.sql(DUE_INVITATIONS).param("today", today).param("earliest", earliest)
                    .param("afterDue", afterKey).param("afterId", afterId)
                    .param("pending", FollowUpStatus.PENDING.name()).param("invitation", OutboxKind.INVITATION.name())
                    .param("batch", settings.batch()).query((rs, n) -> Candidate.read(rs, rs.getObject(4, LocalDate.class))).list();
            if (!batch.isEmpty()) {
                afterKey = batch.getLast().sortKey();
                afterId = batch.getLast().followUpId();
            }
            added += enqueue(recipients(batch), OutboxKind.INVITATION, now);
        } while (batch.size() == settings.batch());
        OutboxKind[] kinds = {OutboxKind.REMINDER_1, OutboxKind.REMINDER_2};
        for (int i = 0; i < kinds.length && i < settings.reminderDays().size(); i++) {
            OffsetDateTime cutoff = OffsetDateTime.ofInstant(now.minus(Duration.ofDays(settings.reminderDays().get(i))), ZoneOffset.UTC);
            afterKey = LONG_AGO;
            afterId = 0;
            do {
                batch = jdbc.sql(DUE_REMINDERS).param("cutoff", cutoff).param("previous", i == 0 ? "" : kinds[i - 1].name())
                        .param("afterAt", afterKey).param("afterId", afterId)
                        .param("kind", kinds[i].name()).param("invitation", OutboxKind.INVITATION.name())
                        .param("failed", OutboxStatus.FAILED.name()).param("pending", FollowUpStatus.PENDING.name())
                        .param("batch", settings.batch())
                        .query((rs, n) -> Candidate.read(rs, rs.getObject(4, OffsetDateTime.class))).list();
                if (!batch.isEmpty()) {
                    afterKey = batch.getLast().sortKey();
                    afterId = batch.getLast().followUpId();
                }
                added += enqueue(recipients(batch), kinds[i], now);
            } while (batch.size() == settings.batch());
        }
        return added;
    }

    /**
     * The candidates whose patient consents to check-in messages and has an email address, in the candidates' order,
     * with what the message needs: one call to the patients module per clinic in the batch, one to the clinic module.
     */
    private List<Recipient> recipients(List<Candidate> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        Map<Long, ClinicDirectory.ClinicName> clinics = clinicDirectory.names(batch.stream().map(Candidate::clinicId).distinct().toList());
        Map<Long, Map<Long, EpisodePatients.EpisodePatient>> patients = patientsOf(batch);
        List<Recipient> out = new ArrayList<>(batch.size());
        for (Candidate c : batch) {
            EpisodePatients.EpisodePatient p = patients.get(c.clinicId()).get(c.episodeId());
            ClinicDirectory.ClinicName clinic = clinics.get(c.clinicId());
            if (p != null && clinic != null && p.consentFollowUp() && p.email() != null) {
                out.add(new Recipient(c.clinicId(), c.followUpId(), p.email(), p.firstName(), clinic.name(),
                        p.language() != null ? p.language() : clinic.defaultLanguage()));
            }
        }
        return out;
    }

    /** The patients of the candidates' episodes, by clinic and episode: every lookup scoped by its clinic. */
    private Map<Long, Map<Long, EpisodePatients.EpisodePatient>> patientsOf(List<? extends OfEpisode> rows) {
        Map<Long, List<Long>> episodesByClinic = new LinkedHashMap<>();
        rows.forEach(r -> episodesByClinic.computeIfAbsent(r.clinicId(), k -> new ArrayList<>()).add(r.episodeId()));
        Map<Long, Map<Long, EpisodePatients.EpisodePatient>> out = new HashMap<>();
        episodesByClinic.forEach((clinicId, episodes) -> out.put(clinicId, episodePatients.ofEpisodes(clinicId, episodes)));
        return out;
    }

    private int enqueue(List<Recipient> batch, OutboxKind kind, Instant now) {
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            return tx.execute(s -> {
                batch.forEach(r -> insert(r, kind, now));
                return batch.size();
            });
        } catch (DuplicateKeyException e) {
            // Another node enqueued some of them first: one by one, skipping those already there.
            int added = 0;
            for (Recipient r : batch) {
                try {
                    tx.executeWithoutResult(s -> insert(r, kind, now));
                    added++;
                } catch (DuplicateKeyException already) {
                    log.debug("{} for check-in {} already enqueued", kind, r.followUpId());
                }
            }
            return added;
        }
    }

    private void insert(Recipient r, OutboxKind kind, Instant now) {
        String token = links.create(r.clinicId(), r.followUpId(), now);
        String link = settings.baseUrl() + "/check-in/" + token;
        CheckInTexts texts = CheckInTexts.of(r.language() == null ? Locale.ENGLISH : Locale.of(r.language()));
        String subject = texts.get(kind == OutboxKind.INVITATION ? "checkin.mail.subject" : "checkin.mail.reminderSubject", r.clinicName());
        String body = texts.get("checkin.mail.body", r.firstName(), r.clinicName(), link, link + "/opt-out", CheckInLinks.VALIDITY.toDays());
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        jdbc.sql("""
                        insert into outbox_message (clinic_id, follow_up_id, kind, recipient, subject, body, link, status,
                                                    attempts, next_attempt_at, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
                .params(r.clinicId(), r.followUpId(), kind.name(), r.email(), subject, body, link, OutboxStatus.PENDING.name(), at, at)
                .update();
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
        record Message(long id, long clinicId, long episodeId, boolean pending) implements OfEpisode {
        }
        List<Message> messages = jdbc.sql("""
                        select o.id, o.clinic_id, f.episode_id, f.status
                        from outbox_message o
                        join follow_up f on f.id = o.follow_up_id and f.clinic_id = o.clinic_id
                        where o.id in (:ids)""")
                .param("ids", rows.stream().map(Claimed::id).toList())
                .query((rs, n) -> new Message(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        FollowUpStatus.PENDING.name().equals(rs.getString(4)))).list();
        Map<Long, Map<Long, EpisodePatients.EpisodePatient>> patients = patientsOf(messages);
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
            log.warn("Check-in message {} failed for good after {} attempts: {}", c.id(), c.attempt(), message);
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

    /** The admin Outbox view: newest first, optionally only permanent failures. */
    @Transactional
    public List<OutboxMessageRow> list(boolean failedOnly, int offset, int limit) {
        long clinicId = currentUser.requireAnyRole(Role.ADMIN).clinicId();
        auditLog.record(AuditLog.Action.READ, "outbox_message", failedOnly ? "failed" : "all");
        return jdbc.sql("""
                        select id, follow_up_id, kind, recipient, status, attempts, created_at, sent_at, next_attempt_at,
                               last_error, link
                        from outbox_message where clinic_id = :clinic and (:failedOnly = false or status = :failed)
                        order by created_at desc, id desc limit :limit offset :offset""")
                .param("clinic", clinicId).param("failedOnly", failedOnly).param("failed", OutboxStatus.FAILED.name())
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> new OutboxMessageRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        OutboxStatus.valueOf(rs.getString(5)), rs.getInt(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
                        rs.getObject(8, OffsetDateTime.class) == null ? null : rs.getObject(8, OffsetDateTime.class).toInstant(),
                        rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getString(10), rs.getString(11)))
                .list();
    }

    @Transactional(readOnly = true)
    public int count(boolean failedOnly) {
        long clinicId = currentUser.requireAnyRole(Role.ADMIN).clinicId();
        return jdbc.sql("select count(*) from outbox_message where clinic_id = ? and (? = false or status = ?)")
                .params(clinicId, failedOnly, OutboxStatus.FAILED.name()).query(Long.class).single().intValue();
    }

    /** @param language the patient's language for messages (issue 16); null writes English */
    private record Recipient(long clinicId, long followUpId, String email, String firstName, String clinicName,
                             @Nullable String language) {
    }

    /** A row that belongs to an episode of a clinic, whose patient is asked of the patients module. */
    private interface OfEpisode {
        long clinicId();

        long episodeId();
    }

    /** A check-in that may be due for a message; {@code sortKey} is the batch order's first key (keyset paging). */
    private record Candidate(long clinicId, long followUpId, long episodeId, Object sortKey) implements OfEpisode {
        static Candidate read(java.sql.ResultSet rs, Object sortKey) throws java.sql.SQLException {
            return new Candidate(rs.getLong(1), rs.getLong(2), rs.getLong(3), sortKey);
        }
    }

    private record Claimed(long clinicId, long id, String recipient, String subject, String body, int attempt) {
    }

    /** How many rows one claim took, and those of them still to be sent. */
    private record ClaimedBatch(int claimed, List<Claimed> toSend) {
    }
}
