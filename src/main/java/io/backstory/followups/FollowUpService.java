package io.backstory.followups;

import io.backstory.base.ClinicalNote;
import io.backstory.base.ConcurrentEditException;
import io.backstory.base.RecordNotFoundException;
import io.backstory.base.UserFacingException;
import io.backstory.clinic.ClinicService;
import io.backstory.clinic.ClinicSettings;
import io.backstory.patients.EpisodeDischarged;
import io.backstory.patients.EpisodeOpened;
import io.backstory.patients.EpisodeService;
import io.backstory.security.AuditLog;
import io.backstory.security.BackstoryUser;
import io.backstory.security.CurrentUser;
import io.backstory.security.Role;
import java.util.List;
import java.util.Optional;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Post-discharge check-ins and the recurrences they find (DESIGN §2): schedules the check-ins when an episode is
 * discharged, and records the ones staff make by phone. Listens to the episode events inside the publishing
 * transaction (a plain {@code @EventListener}, not an after-commit module listener), so a discharge and its schedule,
 * or a new episode and its care-seeking recurrence, commit together or not at all. The worklist of check-ins to call
 * is in {@link FollowUpReadModels}; {@link RecurrenceRecorder} decides and records recurrences.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class FollowUpService {

    private final FollowUpRepository followUps;
    private final RecurrenceRepository recurrences;
    private final EpisodeService episodes;
    private final ClinicService clinics;
    private final CurrentUser currentUser;
    private final AuditLog auditLog;
    private final RecurrenceRecorder recorder;

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

    /** A new episode may be a care-seeking recurrence of the patient's previous one. */
    @EventListener
    @Transactional
    public void on(EpisodeOpened event) {
        recorder.recordCareSeeking(event, episodeId -> auditLog.record(AuditLog.Action.CREATE, "recurrence", "episode:" + episodeId));
    }

    @Transactional
    public List<FollowUpSummary> forEpisode(long episodeId) {
        return episodes.readRecordsOf(episodeId, "follow_up", clinicId ->
                followUps.findByEpisodeIdAndClinicIdOrderByMonthsAfter(episodeId, clinicId).stream().map(FollowUp::toSummary).toList());
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
            throw new ConcurrentEditException("error.conflict.checkIn");
        }
        if (followUp.getStatus() != FollowUpStatus.PENDING) {
            throw new UserFacingException("error.checkIn.recorded", followUp.getCompletedOn());
        }
        if (answer == null) {
            throw new UserFacingException("error.checkIn.answers");
        }
        if (note != null && note.length() > ClinicalNote.MAX_LENGTH) {
            throw new UserFacingException(List.of(ClinicalNote.tooLong(note)));
        }
        return recorder.record(followUp, answer, note, CheckInChannel.CALL,
                episodes.get(followUp.getEpisodeId()).dischargeDate(),
                () -> auditLog.record(AuditLog.Action.UPDATE, "follow_up", followUpId),
                episodeId -> auditLog.record(AuditLog.Action.CREATE, "recurrence", "episode:" + episodeId));
    }
}
