package io.backstory.visits;

import io.backstory.base.UserFacingException.Problem;
import io.backstory.base.UserFacingException;
import io.backstory.analytics.StartBackRisk;
import io.backstory.base.ClinicalNote;
import io.backstory.base.ConcurrentEditException;
import io.backstory.base.RecordNotFoundException;
import io.backstory.measures.Instrument;
import io.backstory.measures.MeasureSummary;
import io.backstory.measures.Scoring;
import io.backstory.patients.EpisodeRecordsChanged;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.security.AuditLog;
import io.backstory.security.BackstoryUser;
import io.backstory.security.CurrentUser;
import io.backstory.security.Role;
import io.backstory.security.UserAccountService;
import io.backstory.security.UserSummary;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Visits of an episode and the factors they addressed (DESIGN §1, §5). A visit is saved whole or not at all;
 * edits carry the version the user started from, so a colleague's save in between is reported, never overwritten.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class VisitService {

    static final String CONFLICT = "error.conflict.visit";

    private final VisitRepository visits;
    private final InterventionRepository interventions;
    private final EpisodeService episodes;
    private final UserAccountService users;
    private final CurrentUser currentUser;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    /** The clinic's active interventions: the shared catalogue plus the clinic's own, by name. */
    @Transactional(readOnly = true)
    public List<InterventionSummary> catalogue() {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.OWNER, Role.ADMIN);
        return interventions.catalogue(user.clinicId()).stream().map(Intervention::toSummary).toList();
    }

    /** A new visit for the episode: today, the signed-in therapist, and the previous visit's plan and minutes. */
    @Transactional
    public VisitCommand prefill(long episodeId) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.ADMIN);
        EpisodeSummary episode = episodes.get(episodeId);
        long therapist = user.hasRole(Role.THERAPIST) ? user.userId() : episode.therapistId();
        return visits.findFirstByEpisodeIdAndClinicIdOrderByVisitDateDescIdDesc(episodeId, user.clinicId())
                .map(v -> new VisitCommand(episodeId, LocalDate.now(clock), therapist, v.getMinutes(), null, null,
                        v.factorSet(), v.interventionIds()))
                .orElseGet(() -> new VisitCommand(episodeId, LocalDate.now(clock), therapist, 30, null, null, Set.of(), Set.of()));
    }

    @Transactional
    public VisitSummary log(VisitCommand command) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.ADMIN);
        EpisodeSummary episode = episodes.get(command.episodeId());
        Set<Factor> factors = validate(command, episode, null);
        Visit visit = new Visit(user.clinicId(), episode.id());
        visit.apply(command, factors);
        Visit saved = visits.saveAndFlush(visit);
        auditLog.record(AuditLog.Action.CREATE, "visit", saved.getId());
        events.publishEvent(new EpisodeRecordsChanged(user.clinicId(), episode.id()));
        return summary(saved, therapistNames());
    }

    /** Saves changes made to the version {@code expectedVersion} of the visit; a newer version wins and is reported. */
    @Transactional
    public VisitSummary update(long visitId, long expectedVersion, VisitCommand command) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.ADMIN);
        Visit visit = find(visitId, user);
        if (visit.getEpisodeId() != command.episodeId()) {
            throw new UserFacingException("error.visit.episode");
        }
        if (visit.getVersion() != expectedVersion) {
            throw new ConcurrentEditException(CONFLICT);
        }
        EpisodeSummary episode = episodes.get(command.episodeId());
        Set<Factor> factors = validate(command, episode, visit.getTherapistId());
        visit.apply(command, factors);
        try {
            Visit saved = visits.saveAndFlush(visit);
            auditLog.record(AuditLog.Action.UPDATE, "visit", visitId);
            events.publishEvent(new EpisodeRecordsChanged(user.clinicId(), episode.id()));
            return summary(saved, therapistNames());
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ConcurrentEditException(CONFLICT);
        }
    }

    @Transactional
    public VisitSummary get(long visitId) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.OWNER, Role.ADMIN);
        Visit visit = find(visitId, user);
        auditLog.record(AuditLog.Action.READ, "visit", visitId);
        return summary(visit, therapistNames());
    }

    @Transactional
    public List<VisitSummary> list(long episodeId) {
        return episodes.readRecordsOf(episodeId, "visit", clinicId -> {
            Map<Long, String> names = therapistNames();
            return visits.findByEpisodeIdAndClinicIdOrderByVisitDateAscIdAsc(episodeId, clinicId).stream()
                    .map(v -> summary(v, names)).toList();
        });
    }

    /**
     * The plan-balance nudges for the episode as it stands (DESIGN §5), informative, never blocking: computed from
     * the records the episode page has already read, so none is read again.
     */
    public static List<Nudge> nudges(EpisodeSummary episode, CoverageStrip strip, List<MeasureSummary> all) {
        Function<Instrument, MeasureSummary> latest = instrument -> all.stream()
                .filter(m -> m.instrument() == instrument).reduce((a, b) -> b).orElse(null);
        MeasureSummary fabq = latest.apply(Instrument.FABQ);
        MeasureSummary tsk = latest.apply(Instrument.TSK11);
        MeasureSummary startBack = latest.apply(Instrument.STARTBACK);
        return PlanNudges.forEpisode(new NudgeInput(strip.addressed(), episode.chronicity(),
                fabq == null ? null : fabq.subscales().getOrDefault(Scoring.FABQ_PHYSICAL_ACTIVITY, fabq.score()),
                tsk == null ? null : tsk.score(),
                startBack == null || startBack.category() == null ? null
                        : StartBackRisk.valueOf(startBack.category().toUpperCase(Locale.ROOT)),
                strip.visits().size()));
    }

    private Set<Factor> validate(VisitCommand c, EpisodeSummary episode, @Nullable Long keptTherapistId) {
        List<Problem> problems = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        LocalDate last = episode.dischargeDate() == null ? today : episode.dischargeDate();
        if (c.visitDate() == null || c.visitDate().isBefore(episode.startDate()) || c.visitDate().isAfter(last)) {
            problems.add(episode.dischargeDate() == null ? new Problem("error.visit.dateOpen", episode.startDate())
                    : new Problem("error.visit.dateDischarged", episode.startDate(), episode.dischargeDate()));
        }
        // A deactivated therapist sees no new patients: only an edit that keeps the visit's own therapist may name one.
        boolean keepsTherapist = keptTherapistId != null && keptTherapistId == c.therapistId();
        if (users.clinicUsers().stream().noneMatch(u -> u.id() == c.therapistId() && u.roles().contains(Role.THERAPIST)
                && (u.active() || keepsTherapist))) {
            problems.add(new Problem("error.visit.therapist"));
        }
        if (c.minutes() < VisitCommand.MIN_MINUTES || c.minutes() > VisitCommand.MAX_MINUTES) {
            problems.add(new Problem("error.visit.minutes", VisitCommand.MIN_MINUTES, VisitCommand.MAX_MINUTES));
        }
        if (c.nprs() != null && (c.nprs() < 0 || c.nprs() > 10)) {
            problems.add(new Problem("error.visit.nprs"));
        }
        if (c.note() != null && c.note().length() > ClinicalNote.MAX_LENGTH) {
            problems.add(ClinicalNote.tooLong(c.note()));
        }
        Map<Long, InterventionSummary> catalogue = catalogue().stream()
                .collect(Collectors.toMap(InterventionSummary::id, Function.identity()));
        EnumSet<Factor> factors = c.factors().isEmpty() ? EnumSet.noneOf(Factor.class) : EnumSet.copyOf(c.factors());
        for (Long id : c.interventionIds()) {
            InterventionSummary intervention = catalogue.get(id);
            if (intervention == null) {
                problems.add(new Problem("error.visit.intervention", String.valueOf(id)));
            } else if (intervention.factor() != null) {
                factors.add(intervention.factor());
            }
        }
        if (!problems.isEmpty()) {
            throw new UserFacingException(problems);
        }
        return factors;
    }

    private Map<Long, String> therapistNames() {
        return users.clinicUsers().stream().collect(Collectors.toMap(UserSummary::id, UserSummary::displayName));
    }

    private static VisitSummary summary(Visit v, Map<Long, String> names) {
        return new VisitSummary(v.getId(), v.getVersion(), v.getEpisodeId(), v.getVisitDate(), v.getTherapistId(),
                names.getOrDefault(v.getTherapistId(), "—"), v.getMinutes(), v.getNprs(), v.getNote(), v.factorSet(),
                v.interventionIds());
    }

    /** The visit in the user's clinic; another clinic's is "not found", as one that does not exist. */
    private Visit find(long visitId, BackstoryUser user) {
        return visits.findByIdAndClinicId(visitId, user.clinicId()).orElseThrow(() -> new RecordNotFoundException("Visit", visitId));
    }
}
