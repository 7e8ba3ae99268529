package io.backstory.patients;

import io.backstory.base.UserFacingException.Problem;
import io.backstory.base.UserFacingException;
import io.backstory.analytics.Sex;

import io.backstory.base.ConcurrentEditException;
import io.backstory.base.PlainText;
import io.backstory.base.RecordNotFoundException;
import io.backstory.security.AuditLog;
import io.backstory.security.BackstoryUser;
import io.backstory.security.CurrentUser;
import io.backstory.security.Role;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Patients of the signed-in user's clinic. Every method scopes by the user's clinic, so an id of
 * another clinic's patient behaves exactly like an id that does not exist; every read and write
 * of patient data leaves an audit row.
 */
@Service
public class PatientService {

    private final PatientRepository patients;
    private final CurrentUser currentUser;
    private final AuditLog auditLog;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final List<EpisodeDates> episodeDates;
    private final EpisodeRepository episodeStarts;

    private static final String CONFLICT = "error.conflict.patient";

    PatientService(EpisodeRepository episodeStarts, PatientRepository patients, CurrentUser currentUser, AuditLog auditLog, Clock clock, JdbcClient jdbc,
                   List<EpisodeDates> episodeDates) {
        this.patients = patients;
        this.currentUser = currentUser;
        this.auditLog = auditLog;
        this.clock = clock;
        this.jdbc = jdbc;
        this.episodeDates = List.copyOf(episodeDates);
        this.episodeStarts = episodeStarts;
    }

    /*
     * The worklist is a read model over the clinical tables (last visit, next follow-up due): one SQL query per page,
     * so a clinic with thousands of patients scrolls lazily. It reads the tables, not the visits or followups code,
     * so patients keeps depending on neither module.
     */
    private static final String WORKLIST = """
            select p.id, p.first_name, p.last_name, p.date_of_birth,
                   (select e.id from episode e where e.patient_id = p.id and e.discharge_date is null
                     order by e.start_date desc limit 1) as open_episode_id,
                   (select max(e.start_date) from episode e where e.patient_id = p.id and e.discharge_date is null) as open_start
            from patient p
            where p.clinic_id = :clinic and lower(p.first_name || ' ' || p.last_name || ' ' || p.first_name) like :filter
            order by p.last_name, p.first_name, p.id
            limit :limit offset :offset
            """;

    /**
     * Records that a patient withdrew consent to follow-up messages, from the opt-out link of a check-in email
     * (DESIGN §9). There is no signed-in user: the caller (the check-in link flow) has proven the patient by a valid
     * link token, and the audit row names the link as the actor.
     */
    @Transactional
    public void withdrawConsentByLink(long clinicId, long patientId) {
        Patient patient = patients.findById(patientId).filter(p -> p.getClinicId() == clinicId)
                .orElseThrow(() -> new RecordNotFoundException("Patient", patientId));
        patient.withdrawConsent();
        patients.saveAndFlush(patient);
        auditLog.recordFor(clinicId, "patient-link", AuditLog.Action.UPDATE, "patient", patientId, "consent to follow-up withdrawn");
    }

    /** A page of the clinic's patients whose name contains {@code filter} (case-insensitive). */
    @Transactional
    public List<PatientRow> search(String filter, int offset, int limit) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.OWNER, Role.ADMIN);
        List<PatientRow> rows = jdbc.sql(WORKLIST)
                .param("clinic", user.clinicId())
                .param("filter", like(filter))
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> new PatientRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5) == null ? null : rs.getLong(5),
                        rs.getObject(6, LocalDate.class), null, null))
                .list();
        rows = withEpisodeDates(user.clinicId(), rows);
        // which patients this page showed, not only that a list was looked at
        auditLog.recordList("list", rows.stream().map(PatientRow::id).toList());
        return rows;
    }

    @Transactional(readOnly = true)
    public int countMatching(String filter) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.OWNER, Role.ADMIN);
        return jdbc.sql("select count(*) from patient p where p.clinic_id = :clinic "
                        + "and lower(p.first_name || ' ' || p.last_name || ' ' || p.first_name) like :filter")
                .param("clinic", user.clinicId()).param("filter", like(filter))
                .query(Long.class).single().intValue();
    }

    /** The page's last-visit and next-check-in columns, asked of the modules that own those records. */
    private List<PatientRow> withEpisodeDates(long clinicId, List<PatientRow> rows) {
        if (rows.isEmpty() || episodeDates.isEmpty()) {
            return rows;
        }
        Map<Long, Long> patientOfEpisode = new HashMap<>();
        jdbc.sql("select id, patient_id from episode where clinic_id = :clinic and patient_id in (:patients)")
                .param("clinic", clinicId).param("patients", rows.stream().map(PatientRow::id).toList())
                .query(rs -> {
                    patientOfEpisode.put(rs.getLong(1), rs.getLong(2));
                });
        if (patientOfEpisode.isEmpty()) {
            return rows;
        }
        Map<EpisodeDates.Kind, Map<Long, LocalDate>> byPatient = new EnumMap<>(EpisodeDates.Kind.class);
        for (EpisodeDates source : episodeDates) {
            source.forEpisodes(clinicId, patientOfEpisode.keySet()).forEach((kind, ofEpisodes) -> {
                Map<Long, LocalDate> ofPatients = byPatient.computeIfAbsent(kind, k -> new HashMap<>());
                ofEpisodes.forEach((episode, date) -> ofPatients.merge(patientOfEpisode.get(episode), date,
                        kind == EpisodeDates.Kind.LAST_VISIT ? (a, b) -> a.isAfter(b) ? a : b : (a, b) -> a.isBefore(b) ? a : b));
            });
        }
        Map<Long, LocalDate> lastVisit = byPatient.getOrDefault(EpisodeDates.Kind.LAST_VISIT, Map.of());
        Map<Long, LocalDate> nextDue = byPatient.getOrDefault(EpisodeDates.Kind.NEXT_FOLLOW_UP_DUE, Map.of());
        return rows.stream().map(r -> new PatientRow(r.id(), r.firstName(), r.lastName(), r.dateOfBirth(), r.openEpisodeId(),
                r.openEpisodeStart(), lastVisit.get(r.id()), nextDue.get(r.id()))).toList();
    }

    private static String like(String filter) {
        String f = filter == null ? "" : filter.strip().toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "").replace("%", "").replace("_", "");
        return "%" + f + "%";
    }

    @Transactional
    public PatientSummary get(long patientId) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.OWNER, Role.ADMIN);
        Patient patient = find(patientId, user);
        auditLog.record(AuditLog.Action.READ, "patient", patientId);
        return patient.toSummary();
    }

    /** The patient's language for messages (issue 16); empty when none is recorded (the clinic's default applies). */
    @Transactional(readOnly = true)
    public java.util.Optional<String> language(long patientId) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.OWNER, Role.ADMIN);
        return patients.findByIdAndClinicId(patientId, user.clinicId()).map(Patient::getLanguage);
    }

    /** Changes the language of the patient's messages after creation (issue 16); null or blank: none recorded. */
    @Transactional
    public void changeLanguage(long patientId, @Nullable String language) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.ADMIN);
        if (language != null && !language.isBlank() && !PatientCommand.LANGUAGES.contains(language)) {
            throw new UserFacingException("error.patient.language", String.join(", ", PatientCommand.LANGUAGES));
        }
        Patient patient = find(patientId, user);
        if (!java.util.Objects.equals(patient.getLanguage(), language == null || language.isBlank() ? null : language)) {
            patient.changeLanguage(language);
            auditLog.record(AuditLog.Action.UPDATE, "patient", patientId, "language: " + (patient.getLanguage() == null ? "none" : patient.getLanguage()));
        }
    }

    @Transactional
    public PatientSummary create(PatientCommand command) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.ADMIN);
        validate(command);
        Patient patient = new Patient(user.clinicId());
        patient.apply(command);
        Patient saved = patients.saveAndFlush(patient);
        auditLog.record(AuditLog.Action.CREATE, "patient", saved.getId());
        return saved.toSummary();
    }

    /**
     * Corrects a patient's details (a typo in a name, a wrong date of birth) as saved at {@code expectedVersion}; a newer
     * version, saved by someone else meanwhile, wins and is reported. Same rules as {@link #create}, plus one a new
     * patient cannot break: the date of birth may not fall after the start of one of the patient's episodes.
     */
    @Transactional
    public PatientSummary update(long patientId, long expectedVersion, PatientCommand command) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.ADMIN);
        Patient patient = find(patientId, user);
        List<Problem> problems = problems(command);
        if (command.dateOfBirth() != null) {
            episodeStarts.findByPatientIdAndClinicIdOrderByStartDateDesc(patientId, user.clinicId()).stream()
                    .map(Episode::getStartDate).min(LocalDate::compareTo)
                    .filter(first -> command.dateOfBirth().isAfter(first))
                    .ifPresent(first -> problems.add(new Problem("error.patient.dateOfBirth.episode", first)));
        }
        if (!problems.isEmpty()) {
            throw new UserFacingException(problems);
        }
        if (patient.getVersion() != expectedVersion) {
            throw new ConcurrentEditException(CONFLICT);
        }
        String changed = patient.apply(command);
        try {
            Patient saved = patients.saveAndFlush(patient);
            if (!changed.isEmpty()) {
                // the names of the changed fields, not their values: the audit trail says what was corrected, not the data
                auditLog.record(AuditLog.Action.UPDATE, "patient", patientId, "details: " + changed);
            }
            return saved.toSummary();
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ConcurrentEditException(CONFLICT);
        }
    }

    @Transactional(readOnly = true)
    public long count() {
        return patients.countByClinicId(currentUser.clinicId());
    }

    void validate(PatientCommand c) {
        List<Problem> problems = problems(c);
        if (!problems.isEmpty()) {
            throw new UserFacingException(problems);
        }
    }

    /** Every rule {@code c} breaks, each naming its field, so the form lists them all at once. */
    private List<Problem> problems(PatientCommand c) {
        List<Problem> problems = new ArrayList<>();
        // Lengths are of the stripped text, as it is stored: spaces pasted around a name do not count.
        if (c.firstName() == null || c.firstName().isBlank() || c.firstName().strip().length() > PatientCommand.NAME_MAX_LENGTH) {
            problems.add(new Problem("error.patient.firstName"));
        }
        if (c.lastName() == null || c.lastName().isBlank() || c.lastName().strip().length() > PatientCommand.NAME_MAX_LENGTH) {
            problems.add(new Problem("error.patient.lastName"));
        }
        PlainText.problem(Problem.text("error.field.firstName"), c.firstName()).ifPresent(problems::add);
        PlainText.problem(Problem.text("error.field.lastName"), c.lastName()).ifPresent(problems::add);
        LocalDate today = LocalDate.now(clock);
        if (c.dateOfBirth() == null || c.dateOfBirth().isAfter(today) || c.dateOfBirth().isBefore(today.minusYears(120))) {
            problems.add(new Problem("error.patient.dateOfBirth"));
        }
        if (c.sex() == null) {
            problems.add(new Problem("error.patient.sex"));
        }
        if (c.email() != null && !c.email().isBlank() && !c.email().strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add(new Problem("error.patient.email"));
        } else if (c.email() != null && c.email().strip().length() > PatientCommand.EMAIL_MAX_LENGTH) {
            // Longer than the column: refused here with the rule, not by the database as "nothing was saved".
            problems.add(new Problem("error.patient.email.length", PatientCommand.EMAIL_MAX_LENGTH));
        }
        if (c.language() != null && !c.language().isBlank() && !PatientCommand.LANGUAGES.contains(c.language())) {
            problems.add(new Problem("error.patient.language", String.join(", ", PatientCommand.LANGUAGES)));
        }
        if (c.phone() != null && !c.phone().isBlank() && !c.phone().strip().matches("[+0-9 ()./-]{6," + PatientCommand.PHONE_MAX_LENGTH + "}")) {
            problems.add(new Problem("error.patient.phone"));
        }
        return problems;
    }

    /** The patient in the user's clinic; another clinic's is "not found", as one that does not exist. */
    private Patient find(long patientId, BackstoryUser user) {
        return patients.findByIdAndClinicId(patientId, user.clinicId()).orElseThrow(() -> new RecordNotFoundException("Patient", patientId));
    }
}
