package io.backstory.followups;

import io.backstory.base.UserFacingException;
import io.backstory.clinic.ClinicService;
import io.backstory.clinic.ClinicSettings;
import io.backstory.patients.EpisodeOpened;
import io.backstory.patients.EpisodeRecordsChanged;
import java.time.Clock;
import java.time.LocalDate;
import java.util.function.LongConsumer;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Where the clinic's recurrence definition decides and a recurrence is recorded (DESIGN §2): from a check-in, made on a
 * call by staff ({@link FollowUpService}) or answered through a link by the patient ({@link CheckInLinkService}), or
 * from a new episode of care. Every path stores a recurrence only when the episode has none yet (the first recurrence
 * is the outcome of the analysis) and tells the report that the episode's records changed. The audit rows are the
 * caller's, passed in: only the caller knows the actor (a signed-in user, or a patient's link).
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class RecurrenceRecorder {

    private final FollowUpRepository followUps;
    private final RecurrenceRepository recurrences;
    private final ClinicService clinics;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    /**
     * A patient who recovered and comes back for care has had a care-seeking recurrence of the previous episode.
     * Recorded once: when a check-in already recorded that episode's recurrence, the new episode adds nothing.
     */
    void recordCareSeeking(EpisodeOpened event, LongConsumer auditRecurrence) {
        EpisodeOpened.Previous previous = event.previous();
        if (previous == null || recurrences.existsByEpisodeId(previous.episodeId())) {
            return;
        }
        if (RecurrenceRule.isCareSeekingRecurrence(definition(event.clinicId()), previous.dischargeDate(), event.startDate())) {
            recurrences.saveAndFlush(Recurrence.fromNewEpisode(event.clinicId(), previous.episodeId(), event.episodeId(),
                    event.startDate()));
            auditRecurrence.accept(previous.episodeId());
            events.publishEvent(new EpisodeRecordsChanged(event.clinicId(), previous.episodeId()));
        }
    }

    /**
     * Records a check-in answered today, by staff or by the patient through a link: the clinic's recurrence
     * definition decides, exactly as for a call. The audit callbacks differ (a signed-in user, or the link).
     */
    CheckInResult record(FollowUp followUp, CheckInAnswer answer, @Nullable String note, CheckInChannel channel,
                         LocalDate dischargeDate, Runnable auditUpdate, LongConsumer auditRecurrence) {
        long clinicId = followUp.getClinicId();
        LocalDate today = LocalDate.now(clock);
        RecurrenceDecision decision;
        try {
            decision = RecurrenceRule.evaluate(definition(clinicId), dischargeDate, today, answer);
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
        return new CheckInResult(saved.toSummary(), decision, added);
    }

    /** The clinic's recurrence definition: what decides, and what the check-in questions ask about. */
    RecurrenceDefinition definition(long clinicId) {
        ClinicSettings s = clinics.settings(clinicId);
        return new RecurrenceDefinition(s.painFreeDays(), s.minIntensity(), s.minDurationHours());
    }

    /** The rule's messages name its parameters; the form names its fields. */
    private static String plain(String message) {
        return message.replace("painFreeSinceDischarge:", "Pain-free since discharge:")
                .replace("onset:", "Date the pain returned:")
                .replace("worstIntensity:", "Worst pain (0–10):")
                .replace("lastedMinimumDuration:", "Lasted at least 24 hours:");
    }
}
