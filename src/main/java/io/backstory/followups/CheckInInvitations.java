package io.backstory.followups;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The filling half of the {@link CheckInOutbox}: writes an invitation when a check-in falls due for a consenting
 * patient with an email address, and the reminders after it, each with its personal link and in the patient's
 * language. Apart from the delivery because it shares nothing with it but the table: its own queries, the links,
 * the texts and the clinic's name.
 */
@Component
class CheckInInvitations {

    private static final Logger log = LoggerFactory.getLogger(CheckInInvitations.class);

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
    private final TransactionTemplate tx;
    private final CheckInMailSettings settings;
    private final CheckInAddressees addressees;

    CheckInInvitations(JdbcClient jdbc, CheckInLinks links, PlatformTransactionManager transactions,
                       CheckInMailSettings settings, CheckInAddressees addressees) {
        this.jdbc = jdbc;
        this.links = links;
        this.tx = new TransactionTemplate(transactions);
        this.settings = settings;
        this.addressees = addressees;
    }

    /**
     * Writes the invitations and reminders due on {@code today}, created at {@code now} (the outbox job's time);
     * returns how many messages it added.
     */
    int enqueueDue(LocalDate today, Instant now) {
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
     * with what the message needs.
     */
    private List<Recipient> recipients(List<Candidate> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<Long, CheckInAddressees.Addressee>> to = addressees.of(batch);
        List<Recipient> out = new ArrayList<>(batch.size());
        for (Candidate c : batch) {
            CheckInAddressees.Addressee a = to.get(c.clinicId()).get(c.episodeId());
            if (a != null && a.patient().consentFollowUp() && a.patient().email() != null) {
                out.add(new Recipient(c.clinicId(), c.followUpId(), a.patient().email(), a.patient().firstName(), a.clinicName(),
                        a.language()));
            }
        }
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

    /** @param language the patient's language for messages (issue 16); null writes English */
    private record Recipient(long clinicId, long followUpId, String email, String firstName, String clinicName,
                             @Nullable String language) {
    }

    /** A check-in that may be due for a message; {@code sortKey} is the batch order's first key (keyset paging). */
    private record Candidate(long clinicId, long followUpId, long episodeId, Object sortKey) implements CheckInAddressees.OfEpisode {
        static Candidate read(java.sql.ResultSet rs, Object sortKey) throws java.sql.SQLException {
            return new Candidate(rs.getLong(1), rs.getLong(2), rs.getLong(3), sortKey);
        }
    }
}
