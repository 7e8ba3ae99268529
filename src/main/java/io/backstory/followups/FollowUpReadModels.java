package io.backstory.followups;

import static io.backstory.clinic.OverviewCounter.selectCount;

import io.backstory.clinic.OverviewCount;
import io.backstory.clinic.OverviewCounter;
import io.backstory.patients.EpisodeDates;
import io.backstory.patients.EpisodePatients;
import io.backstory.security.AuditLog;
import io.backstory.security.BackstoryUser;
import io.backstory.security.CurrentUser;
import io.backstory.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff and other modules see of check-ins, read from this module's own tables: the follow-up worklist of
 * check-ins to call (with the patients' names and phones asked of the patients module), the admin's list of check-in
 * messages, the home page's check-ins due and recurrences, and the patients worklist's "next check-in" column (each
 * episode's earliest pending check-in). What a call records is {@link FollowUpService#recordCheckIn}; messages are
 * sent by {@link CheckInOutbox}.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class FollowUpReadModels implements OverviewCounter, EpisodeDates {

    /** The worklist shows check-ins due within the coming week as well as the overdue ones. */
    static final int DAYS_AHEAD = 7;

    /**
     * A check-in whose email chase is still running (invitation and reminders, DESIGN §9) stays off the worklist;
     * after {@code backstory.check-ins.no-reply-after-days} without an answer it comes back marked "no reply to email".
     * A permanently failed invitation does not hold it back.
     */
    private static final String NOT_BEING_EMAILED = """
            not exists (select 1 from outbox_message o where o.clinic_id = f.clinic_id and o.follow_up_id = f.id
                        and o.kind = :invitation and o.status <> :failed and o.created_at > :noReplyBefore)""";

    /** The worklist's check-ins: pending, due up to {@link #DAYS_AHEAD} days ahead, not held back by an email chase. */
    private static final String ON_WORKLIST = """
            from follow_up f
            where f.clinic_id = :clinic and f.status = :pending and f.due_date <= :until
              and\s""" + NOT_BEING_EMAILED + "\n";

    private static final String PAGE = """
            select f.id, f.version, f.episode_id, f.months_after, f.due_date,
                   case when exists (select 1 from outbox_message o where o.clinic_id = f.clinic_id and o.follow_up_id = f.id
                                     and o.kind = :invitation and o.status <> :failed) then true else false end
            """ + ON_WORKLIST + """
            order by f.due_date, f.id
            limit :limit offset :offset
            """;

    private static final String COUNT = "select count(*)\n" + ON_WORKLIST;

    private final JdbcClient jdbc;
    private final EpisodePatients episodePatients;
    private final CurrentUser currentUser;
    private final AuditLog auditLog;
    private final Clock clock;
    private final CheckInMailSettings mailSettings;

    /** Pending check-ins due up to a week ahead, earliest (most overdue) first. */
    @Transactional
    public List<FollowUpDue> due(int offset, int limit) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.OWNER, Role.ADMIN);
        LocalDate today = LocalDate.now(clock);
        record Pending(long id, long version, long episodeId, int monthsAfter, LocalDate due, boolean emailed) {
        }
        List<Pending> page = onWorklist(PAGE, user.clinicId(), today).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4),
                        rs.getObject(5, LocalDate.class), rs.getBoolean(6))).list();
        // the patients of the whole page in one call to their module
        Map<Long, EpisodePatients.EpisodePatient> who = episodePatients.ofEpisodes(user.clinicId(),
                page.stream().map(Pending::episodeId).distinct().toList());
        List<FollowUpDue> rows = page.stream().filter(f -> who.containsKey(f.episodeId())).map(f -> {
            EpisodePatients.EpisodePatient p = who.get(f.episodeId());
            return new FollowUpDue(f.id(), f.version(), f.episodeId(), p.patientId(), p.firstName() + " " + p.lastName(),
                    p.phone(), f.monthsAfter(), f.due(), p.dischargeDate(), Math.max(0, ChronoUnit.DAYS.between(f.due(), today)),
                    f.emailed());
        }).toList();
        // which patients the worklist showed
        auditLog.recordList("follow-up worklist", rows.stream().map(FollowUpDue::patientId).toList());
        return rows;
    }

    @Transactional(readOnly = true)
    public int countDue() {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.OWNER, Role.ADMIN);
        return onWorklist(COUNT, user.clinicId(), LocalDate.now(clock)).query(Long.class).single().intValue();
    }

    /** {@code sql} over the worklist's check-ins ({@link #ON_WORKLIST}) of the clinic, as of {@code today}. */
    private JdbcClient.StatementSpec onWorklist(String sql, long clinicId, LocalDate today) {
        OffsetDateTime noReplyBefore = OffsetDateTime.ofInstant(
                clock.instant().minus(Duration.ofDays(mailSettings.noReplyAfterDays())), ZoneOffset.UTC);
        return jdbc.sql(sql).param("clinic", clinicId).param("pending", FollowUpStatus.PENDING.name())
                .param("invitation", OutboxKind.INVITATION.name()).param("failed", OutboxStatus.FAILED.name())
                .param("until", today.plusDays(DAYS_AHEAD)).param("noReplyBefore", noReplyBefore);
    }

    /** The admin's Outbox view: the check-in messages, newest first, optionally only permanent failures. */
    @Transactional
    public List<OutboxMessageRow> outboxMessages(boolean failedOnly, int offset, int limit) {
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
    public int countOutboxMessages(boolean failedOnly) {
        long clinicId = currentUser.requireAnyRole(Role.ADMIN).clinicId();
        return jdbc.sql("select count(*) from outbox_message where clinic_id = ? and (? = false or status = ?)")
                .params(clinicId, failedOnly, OutboxStatus.FAILED.name()).query(Long.class).single().intValue();
    }

    /** The home page's check-ins due (today or overdue, emailed or not) and recurrences. */
    @Override
    public Map<OverviewCount, Long> count(long clinicId, LocalDate today) {
        return Map.of(
                OverviewCount.FOLLOW_UPS_DUE,
                selectCount(jdbc, "select count(*) from follow_up where clinic_id = ? and status = ? and due_date <= ?",
                        clinicId, FollowUpStatus.PENDING.name(), today),
                OverviewCount.RECURRENCES, selectCount(jdbc, "select count(*) from recurrence where clinic_id = ?", clinicId));
    }

    /** The patients worklist's "next check-in": each episode's earliest pending check-in. */
    @Override
    public Map<Kind, Map<Long, LocalDate>> forEpisodes(long clinicId, Collection<Long> episodeIds) {
        return Map.of(Kind.NEXT_FOLLOW_UP_DUE, EpisodeDates.byEpisode(jdbc.sql("select episode_id, min(due_date) from follow_up "
                        + "where clinic_id = :clinic and status = :pending and episode_id in (:episodes) group by episode_id")
                .param("clinic", clinicId).param("pending", FollowUpStatus.PENDING.name()).param("episodes", episodeIds)));
    }
}
