package io.backstory.patients;

import io.backstory.base.UserFacingException.Problem;
import io.backstory.base.UserFacingException;
import io.backstory.base.RecordNotFoundException;
import io.backstory.clinic.ClinicService;
import io.backstory.clinic.ClinicSummary;
import io.backstory.security.AuditLog;
import io.backstory.security.BackstoryUser;
import io.backstory.security.CurrentUser;
import io.backstory.security.Role;
import io.backstory.security.UserAccountService;
import io.backstory.security.UserSummary;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Episodes of care (DESIGN §2). A patient has at most one open episode; opening and discharging publish
 * {@link EpisodeOpened} and {@link EpisodeDischarged} inside the transaction, so the follow-ups and the
 * care-seeking recurrence they cause commit together with the episode.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class EpisodeService {

    private final EpisodeRepository episodes;
    private final PatientRepository patients;
    private final ClinicService clinics;
    private final UserAccountService users;
    private final CurrentUser currentUser;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    @Transactional
    public EpisodeSummary open(EpisodeCommand command) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.ADMIN);
        Patient patient = patients.lockByIdAndClinicId(command.patientId(), user.clinicId())
                .orElseThrow(() -> new RecordNotFoundException("Patient", command.patientId()));
        validate(command, patient);
        if (episodes.existsByPatientIdAndClinicIdAndDischargeDateIsNull(patient.getId(), user.clinicId())) {
            throw new UserFacingException("error.episode.alreadyOpen");
        }
        Episode saved = episodes.saveAndFlush(new Episode(user.clinicId(), patient.getId(), command));
        auditLog.record(AuditLog.Action.CREATE, "episode", saved.getId());
        EpisodeOpened.@Nullable Previous previous = episodes.lastDischargedBefore(user.clinicId(), patient.getId(), saved.getId(), saved.getStartDate())
                .map(e -> new EpisodeOpened.Previous(e.getId(), e.getDischargeDate())).orElse(null);
        events.publishEvent(new EpisodeOpened(saved.getId(), user.clinicId(), patient.getId(), saved.getStartDate(), previous));
        return summary(saved, patient);
    }

    @Transactional
    public EpisodeSummary get(long episodeId) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.OWNER, Role.ADMIN);
        Episode episode = find(episodeId, user);
        auditLog.record(AuditLog.Action.READ, "episode", episodeId);
        return summary(episode, patients.getReferenceById(episode.getPatientId()));
    }

    /**
     * Opens an episode's records that another module keeps (visits, measures, follow-ups, recurrence) for reading:
     * the reader may read clinical records, the episode is in their clinic (else not found; its READ is audited as in
     * {@link #get}), and the read of {@code table} for the episode is audited. Then runs the module's query, given
     * the reader's clinic id to scope it.
     */
    @Transactional
    public <T> T readRecordsOf(long episodeId, String table, LongFunction<T> query) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.OWNER, Role.ADMIN);
        get(episodeId);
        auditLog.record(AuditLog.Action.READ, table, "episode:" + episodeId);
        return query.apply(user.clinicId());
    }

    @Transactional
    public List<EpisodeSummary> listForPatient(long patientId) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.OWNER, Role.ADMIN);
        Patient patient = patients.findByIdAndClinicId(patientId, user.clinicId())
                .orElseThrow(() -> new RecordNotFoundException("Patient", patientId));
        auditLog.record(AuditLog.Action.READ, "episode", "patient:" + patientId);
        return episodes.findByPatientIdAndClinicIdOrderByStartDateDesc(patientId, user.clinicId()).stream()
                .map(e -> summary(e, patient)).toList();
    }

    @Transactional
    public EpisodeSummary discharge(long episodeId, LocalDate dischargeDate, DischargeReason reason) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.ADMIN);
        Episode episode = find(episodeId, user);
        List<Problem> problems = new ArrayList<>();
        if (episode.getDischargeDate() != null) {
            problems.add(new Problem("error.episode.alreadyDischarged", episode.getDischargeDate()));
        }
        if (reason == null) {
            problems.add(new Problem("error.episode.reason"));
        }
        if (dischargeDate == null || dischargeDate.isBefore(episode.getStartDate()) || dischargeDate.isAfter(LocalDate.now(clock))) {
            problems.add(new Problem("error.episode.dischargeDate", episode.getStartDate()));
        }
        if (!problems.isEmpty()) {
            throw new UserFacingException(problems);
        }
        episode.discharge(dischargeDate, reason);
        Episode saved = episodes.saveAndFlush(episode);
        auditLog.record(AuditLog.Action.UPDATE, "episode", episodeId);
        events.publishEvent(new EpisodeDischarged(episodeId, user.clinicId(), episode.getPatientId(), dischargeDate));
        return summary(saved, patients.getReferenceById(episode.getPatientId()));
    }

    /** Active therapists of the user's clinic, for the intake's and visit form's therapist pickers. */
    @Transactional(readOnly = true)
    public List<UserSummary> therapists() {
        currentUser.requireAnyRole(Role.THERAPIST, Role.OWNER, Role.ADMIN);
        return users.clinicUsers().stream().filter(u -> u.roles().contains(Role.THERAPIST) && u.active()).toList();
    }

    /** The active therapists plus one who may have been deactivated since (editing their past visit keeps them). */
    @Transactional(readOnly = true)
    public List<UserSummary> therapistsWith(long therapistId) {
        currentUser.requireAnyRole(Role.THERAPIST, Role.OWNER, Role.ADMIN);
        return users.clinicUsers().stream()
                .filter(u -> u.roles().contains(Role.THERAPIST) && (u.active() || u.id() == therapistId)).toList();
    }

    private Episode find(long episodeId, BackstoryUser user) {
        return episodes.findByIdAndClinicId(episodeId, user.clinicId())
                .orElseThrow(() -> new RecordNotFoundException("Episode", episodeId));
    }

    private void validate(EpisodeCommand c, Patient patient) {
        List<Problem> problems = new ArrayList<>();
        if (therapists().stream().noneMatch(t -> t.id() == c.therapistId())) {
            problems.add(new Problem("error.episode.therapist"));
        }
        if (clinics.currentClinic().openLocations().stream().noneMatch(l -> l.id() == c.locationId())) {
            problems.add(new Problem("error.episode.location"));
        }
        LocalDate today = LocalDate.now(clock);
        if (c.startDate() == null || c.startDate().isAfter(today) || c.startDate().isBefore(patient.toSummary().dateOfBirth())) {
            problems.add(new Problem("error.episode.startDate"));
        }
        if (c.chronicity() == null) {
            problems.add(new Problem("error.episode.chronicity"));
        }
        if (c.priorEpisodes() < 0 || c.priorEpisodes() > 50) {
            problems.add(new Problem("error.episode.priorEpisodes"));
        }
        if (!problems.isEmpty()) {
            throw new UserFacingException(problems);
        }
    }

    private EpisodeSummary summary(Episode e, Patient p) {
        PatientSummary patient = p.toSummary();
        Map<Long, String> names = users.clinicUsers().stream()
                .collect(Collectors.toMap(UserSummary::id, UserSummary::displayName));
        Map<Long, String> locations = clinics.currentClinic().locations().stream()
                .collect(Collectors.toMap(ClinicSummary.LocationSummary::id, ClinicSummary.LocationSummary::name));
        return new EpisodeSummary(e.getId(), e.getVersion(), patient.id(), patient.fullName(), patient.dateOfBirth(),
                patient.sex(), e.getTherapistId(), names.getOrDefault(e.getTherapistId(), "—"), e.getLocationId(),
                locations.getOrDefault(e.getLocationId(), "—"), e.getStartDate(), e.getDischargeDate(),
                e.getDischargeReason(), e.getChronicity(), e.getPriorEpisodes());
    }
}
