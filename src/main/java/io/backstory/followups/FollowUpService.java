package io.backstory.followups;

import io.backstory.base.UserFacingException;
import io.backstory.base.ClinicalNote;
import io.backstory.base.ConcurrentEditException;
import io.backstory.base.RecordNotFoundException;
import io.backstory.clinic.ClinicService;
import io.backstory.clinic.ClinicSettings;
import io.backstory.patients.EpisodeDischarged;
import io.backstory.patients.EpisodeOpened;
import io.backstory.patients.EpisodePatients;
import io.backstory.patients.EpisodeRecordsChanged;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.security.AuditLog;
import io.backstory.security.BackstoryUser;
import io.backstory.security.CurrentUser;
import io.backstory.security.Role;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Post-discharge check-ins and the recurrences they find (DESIGN §2). Listens to the episode events inside the
 * publishing transaction (a plain {@code @EventListener}, not an after-commit module listener), so a discharge and
 * its schedule, or a new episode and its care-seeking recurrence, commit together or not at all.
 */
@Service
public class FollowUpService {

    /** The worklist shows check-ins due within the coming week as well as the overdue ones. */
    static final int WORKLIST_DAYS_AHEAD = 7;

    private static final String WORKLIST = """
            select f.id, f.version, f.episode_id, f.months_after, f.due_date,
                   case when exists (select 1 from outbox_message o where o.clinic_id = f.clinic_id and o.follow_up_id = f.id
                                     and o.kind = :invitation and o.status <> :failed) then true else false end
            from follow_up f
            where f.clinic_id = :clinic and f.status = :pending and f.due_date <= :until
              and ${EMAILING}
            order by f.due_date, f.id
            limit :limit offset :offset
            """;

    /**
     * A check-in whose email chase is still running (invitation and reminders, DESIGN §9) stays off the worklist;
     * after {@code backstory.check-ins.no-reply-after-days} without an answer it comes back marked "no reply to email".
     * A permanently failed invitation does not hold it back.
     */
    private static final String NOT_BEING_EMAILED = """
            not exists (select 1 from outbox_message o where o.clinic_id = f.clinic_id and o.follow_up_id = f.id
                        and o.kind = :invitation and o.status <> :failed and o.created_at > :noReplyBefore)""";

    private final FollowUpRepository followUps;
    private final RecurrenceRepository recurrences;
    private final EpisodeService episodes;
    private final EpisodePatients episodePatients;
    private final ClinicService clinics;
    private final CurrentUser currentUser;
    private final AuditLog auditLog;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final CheckInMailSettings mailSettings;

    FollowUpService(FollowUpRepository followUps, RecurrenceRepository recurrences, EpisodeService episodes,
                    EpisodePatients episodePatients, ClinicService clinics, CurrentUser currentUser, AuditLog auditLog, JdbcClient jdbc,
                    ApplicationEventPublisher events, Clock clock, CheckInMailSettings mailSettings) {
        this.mailSettings = mailSettings;
        this.followUps = followUps;
        this.recurrences = recurrences;
        this.episodes = episodes;
        this.episodePatients = episodePatients;
        this.clinics = clinics;
        this.currentUser = currentUser;
        this.auditLog = auditLog;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** Schedules the clinic's check-ins (default 1, 3, 6 and 12 months) after a discharge. */
    @EventListener
    @Transactional
    public void on(EpisodeDischarged event) {
        ClinicSettings settings = clinics.settings(event.clinicId());
        for (int months : settings.followUpMonths()) {
            followUps.save(new FollowUp(event.clinicId(), event.episodeId(), months, event.dischargeDate().plusMonths(months)));
        }
        followUps.flush();
    }

    /**
     * A patient who recovered and comes back for care has had a care-seeking recurrence of the previous episode.
     * Recorded once: when a check-in already recorded that episode's recurrence, the new episode adds nothing.
     */
    @EventListener
    @Transactional
    public void on(EpisodeOpened event) {
        Optional<EpisodePatients.Discharged> previous = episodePatients.lastDischargedBefore(event.clinicId(),
                event.patientId(), event.episodeId(), event.startDate());
        if (previous.isEmpty() || recurrences.existsByEpisodeId(previous.get().episodeId())) {
            return;
        }
        RecurrenceDefinition definition = definition(clinics.settings(event.clinicId()));
        if (RecurrenceRule.isCareSeekingRecurrence(definition, previous.get().dischargeDate(), event.startDate())) {
            recurrences.saveAndFlush(Recurrence.fromNewEpisode(event.clinicId(), previous.get().episodeId(), event.episodeId(),
                    event.startDate()));
            auditLog.record(AuditLog.Action.CREATE, "recurrence", "episode:" + previous.get().episodeId());
            events.publishEvent(new EpisodeRecordsChanged(event.clinicId(), previous.get().episodeId()));
        }
    }

    /** Pending check-ins due up to a week ahead, earliest (most overdue) first. */
    @Transactional
    public List<FollowUpDue> due(int offset, int limit) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.OWNER, Role.ADMIN);
        LocalDate today = LocalDate.now(clock);
        record Pending(long id, long version, long episodeId, int monthsAfter, LocalDate due, boolean emailed) {
        }
        List<Pending> page = jdbc.sql(WORKLIST.replace("${EMAILING}", NOT_BEING_EMAILED)).param("clinic", user.clinicId())
                .param("pending", FollowUpStatus.PENDING.name())
                .param("invitation", OutboxKind.INVITATION.name()).param("failed", OutboxStatus.FAILED.name())
                .param("until", today.plusDays(WORKLIST_DAYS_AHEAD)).param("noReplyBefore", noReplyBefore())
                .param("limit", limit).param("offset", offset)
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
        return jdbc.sql("select count(*) from follow_up f where f.clinic_id = :clinic and f.status = :pending and f.due_date <= :until and "
                        + NOT_BEING_EMAILED)
                .param("clinic", user.clinicId()).param("pending", FollowUpStatus.PENDING.name())
                .param("invitation", OutboxKind.INVITATION.name()).param("failed", OutboxStatus.FAILED.name()).param("until", LocalDate.now(clock).plusDays(WORKLIST_DAYS_AHEAD))
                .param("noReplyBefore", noReplyBefore())
                .query(Long.class).single().intValue();
    }

    private java.time.OffsetDateTime noReplyBefore() {
        return java.time.OffsetDateTime.ofInstant(clock.instant().minus(java.time.Duration.ofDays(mailSettings.noReplyAfterDays())),
                java.time.ZoneOffset.UTC);
    }

    @Transactional
    public List<FollowUpSummary> forEpisode(long episodeId) {
        return episodes.readRecordsOf(episodeId, "follow_up", clinicId ->
                followUps.findByEpisodeIdAndClinicIdOrderByMonthsAfter(episodeId, clinicId).stream().map(FollowUpService::summary).toList());
    }

    @Transactional
    public Optional<RecurrenceSummary> recurrence(long episodeId) {
        return episodes.readRecordsOf(episodeId, "recurrence", clinicId ->
                recurrences.findByEpisodeIdAndClinicId(episodeId, clinicId).map(Recurrence::toSummary));
    }

    /**
     * Records a check-in made today. The clinic's recurrence definition decides; a recurrence is stored only when
     * the episode has none yet (the first recurrence is the outcome of the analysis).
     */
    @Transactional
    public CheckInResult recordCheckIn(long followUpId, long expectedVersion, CheckInAnswer answer, @Nullable String note) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.ADMIN);
        FollowUp followUp = followUps.findByIdAndClinicId(followUpId, user.clinicId())
                .orElseThrow(() -> new RecordNotFoundException("Follow-up", followUpId));
        if (followUp.getVersion() != expectedVersion) {
            throw new ConcurrentEditException("This check-in was recorded by someone else after you opened it, so your "
                    + "answers were not saved. Reload the worklist to see what they recorded.");
        }
        if (followUp.getStatus() != FollowUpStatus.PENDING) {
            throw new UserFacingException("error.checkIn.recorded", followUp.getCompletedOn());
        }
        if (answer == null) {
            throw new UserFacingException("error.checkIn.answers");
        }
        if (note != null && note.length() > ClinicalNote.MAX_LENGTH) {
            throw new UserFacingException(List.of(ClinicalNote.tooLong()));
        }
        return record(user.clinicId(), followUp, answer, note, CheckInChannel.CALL, episodes.get(followUp.getEpisodeId()).dischargeDate(),
                () -> auditLog.record(AuditLog.Action.UPDATE, "follow_up", followUpId),
                episodeId -> auditLog.record(AuditLog.Action.CREATE, "recurrence", "episode:" + episodeId));
    }

    /**
     * Records a check-in answered today, by staff or by the patient through a link: the clinic's recurrence
     * definition decides, exactly as for a call. The audit callbacks differ (a signed-in user, or the link).
     */
    CheckInResult record(long clinicId, FollowUp followUp, CheckInAnswer answer, @Nullable String note, CheckInChannel channel,
                         LocalDate dischargeDate, Runnable auditUpdate, java.util.function.LongConsumer auditRecurrence) {
        LocalDate today = LocalDate.now(clock);
        RecurrenceDecision decision;
        try {
            decision = RecurrenceRule.evaluate(definition(clinics.settings(clinicId)), dischargeDate, today, answer);
        } catch (UserFacingException e) {
            // The rule's messages name its parameters; the form names its fields: the same problems, the form's words.
            throw new UserFacingException(e.problems().stream().map(p -> p.key().startsWith("error.rule.")
                    ? new UserFacingException.Problem("error.checkIn." + p.key().substring("error.rule.".length()), p.args()) : p).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(plain(e.getMessage()), e);
        }
        followUp.record(today, answer, decision, note, channel);
        FollowUp saved = followUps.saveAndFlush(followUp);
        auditUpdate.run();
        long episodeId = followUp.getEpisodeId();
        boolean added = false;
        if (decision.outcome() == RecurrenceDecision.Outcome.RECURRENCE && !recurrences.existsByEpisodeId(episodeId)) {
            recurrences.saveAndFlush(Recurrence.fromFollowUp(clinicId, episodeId, followUp.getId(), answer));
            auditRecurrence.accept(episodeId);
            added = true;
        }
        events.publishEvent(new EpisodeRecordsChanged(clinicId, episodeId));
        return new CheckInResult(summary(saved), decision, added);
    }

    /** The rule's messages name its parameters; the form names its fields. */
    private static String plain(String message) {
        return message.replace("painFreeSinceDischarge:", "Pain-free since discharge:")
                .replace("onset:", "Date the pain returned:")
                .replace("worstIntensity:", "Worst pain (0–10):")
                .replace("lastedMinimumDuration:", "Lasted at least 24 hours:");
    }

    static RecurrenceDefinition definition(ClinicSettings s) {
        return new RecurrenceDefinition(s.painFreeDays(), s.minIntensity(), s.minDurationHours());
    }

    private static FollowUpSummary summary(FollowUp f) {
        return new FollowUpSummary(f.getId(), f.getVersion(), f.getEpisodeId(), f.getMonthsAfter(), f.getDueDate(),
                f.getStatus(), f.getCompletedOn(), f.getReached(), f.getPainFree());
    }
}
