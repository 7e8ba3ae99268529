package io.backstory.clinic;

import io.backstory.base.UserFacingException.Problem;
import io.backstory.base.UserFacingException;
import io.backstory.base.PlainText;
import io.backstory.base.RecordNotFoundException;
import io.backstory.security.AuditLog;
import io.backstory.security.CurrentUser;
import io.backstory.security.Role;
import io.backstory.security.UserAccountService;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Clinics, their locations and clinical settings. Changes are the admin's (settings: owner or admin),
 * checked here, validated with the same rules the database holds, and audited with old and new value.
 */
@Service
public class ClinicService {

    /** The bootstrap's name for a clinic nobody has named yet (BACKSTORY_CLINIC_NAME unset). */
    public static final String PLACEHOLDER_NAME = "My clinic";

    /**
     * Characters in a clinic's or a location's name: {@code clinic.name} and {@code location.name} are
     * {@code varchar(120)} in {@code V1__clinical_model.sql} ({@code LimitsMatchTheSchemaTest}).
     */
    public static final int NAME_MAX_LENGTH = 120;

    private final ClinicRepository clinics;
    private final LocationRepository locations;
    private final ClinicSettingsRepository settings;
    private final CurrentUser currentUser;
    private final AuditLog auditLog;
    private final UserAccountService users;
    private final List<OverviewCounter> counters;
    private final Clock clock;

    ClinicService(ClinicRepository clinics, LocationRepository locations, ClinicSettingsRepository settings,
                  CurrentUser currentUser, AuditLog auditLog, UserAccountService users, List<OverviewCounter> counters,
                  Clock clock) {
        this.clinics = clinics;
        this.locations = locations;
        this.settings = settings;
        this.currentUser = currentUser;
        this.auditLog = auditLog;
        this.users = users;
        this.counters = List.copyOf(counters);
        this.clock = clock;
    }

    /** Creates a clinic with its locations and default settings; used at bootstrap and by the demo seeder. */
    @Transactional
    public ClinicSummary createClinic(String name, List<String> locationNames) {
        if (name == null || name.isBlank()) {
            throw new UserFacingException("error.clinic.name");
        }
        if (locationNames.isEmpty()) {
            throw new UserFacingException("error.clinic.locations");
        }
        PlainText.require(Problem.text("error.field.clinicName"), name);
        locationNames.forEach(l -> PlainText.require(Problem.text("error.field.locationName"), l));
        Clinic clinic = clinics.save(new Clinic(name.strip()));
        long id = clinic.getId();
        locationNames.forEach(l -> locations.save(new Location(id, l.strip())));
        settings.save(new ClinicSettingsEntity(id));
        return summary(id);
    }

    /** The signed-in user's clinic. */
    @Transactional(readOnly = true)
    public ClinicSummary currentClinic() {
        return summary(currentUser.clinicId());
    }

    /** The signed-in user's clinic settings. */
    @Transactional(readOnly = true)
    public ClinicSettings currentSettings() {
        return settings(currentUser.clinicId());
    }

    /** Settings of a clinic by id, for modules that act for that clinic (the caller checked the user's clinic). */
    @Transactional(readOnly = true)
    public ClinicSettings settings(long clinicId) {
        return settings.findById(clinicId).map(ClinicSettingsEntity::toRecord)
                .orElseGet(() -> ClinicSettings.defaults(clinicId));
    }

    /**
     * Clinical definitions change what the report counts as a recurrence: owners and admins only. Each
     * changed value is audited as "field: old → new".
     */
    @Transactional
    public ClinicSettings updateSettings(ClinicSettings changed) {
        long clinicId = currentUser.requireAnyRole(Role.OWNER, Role.ADMIN).clinicId();
        if (changed.clinicId() != clinicId) {
            throw new RecordNotFoundException("Clinic settings", changed.clinicId());
        }
        ClinicSettingsEntity entity = settings.findById(clinicId).orElseGet(() -> new ClinicSettingsEntity(clinicId));
        ClinicSettings before = entity.toRecord();
        entity.apply(changed);
        ClinicSettings saved = settings.save(entity).toRecord();
        String changes = settingChanges(before, saved);
        if (!changes.isEmpty()) {
            auditLog.record(AuditLog.Action.UPDATE, "clinic_settings", clinicId, changes);
        }
        return saved;
    }

    static String settingChanges(ClinicSettings a, ClinicSettings b) {
        List<String> changes = new ArrayList<>();
        change(changes, "recovery pain-free days", a.painFreeDays(), b.painFreeDays());
        change(changes, "recurrence minimum pain", a.minIntensity(), b.minIntensity());
        change(changes, "recurrence minimum hours", a.minDurationHours(), b.minDurationHours());
        change(changes, "follow-up months", a.followUpMonths(), b.followUpMonths());
        change(changes, "isolated plan up to factors", a.isolatedMaxBreadth(), b.isolatedMaxBreadth());
        change(changes, "horizon days", a.horizonDays(), b.horizonDays());
        return String.join("; ", changes);
    }

    private static void change(List<String> changes, String field, Object before, Object after) {
        if (!before.equals(after)) {
            changes.add(field + ": " + before + " → " + after);
        }
    }

    // --- The clinic and its locations (admin) -------------------------------------------------------

    @Transactional
    public ClinicSummary renameClinic(String name) {
        long clinicId = currentUser.requireAnyRole(Role.ADMIN).clinicId();
        String clean = requireName(Problem.text("error.field.clinicName"), name);
        Clinic clinic = clinics.findById(clinicId).orElseThrow(() -> new RecordNotFoundException("Clinic", clinicId));
        renameAudited("clinic", clinicId, clinic.getName(), clean, clinic::rename);
        return summary(clinicId);
    }

    /** The languages a clinic can write to its patients in (the check-in bundles). */
    public static final List<String> LANGUAGES = List.of("en", "es");

    /** The language of messages to patients who have none recorded (issue 16); empty: English. */
    @Transactional(readOnly = true)
    public java.util.Optional<String> defaultLanguage() {
        long clinicId = currentUser.clinicId();
        return clinics.findById(clinicId).map(Clinic::getDefaultLanguage);
    }

    /** Sets the default language of patients' messages; null or blank: English. */
    @Transactional
    public void changeDefaultLanguage(@Nullable String language) {
        long clinicId = currentUser.requireAnyRole(Role.ADMIN).clinicId();
        String clean = language == null || language.isBlank() ? null : language.strip();
        if (clean != null && !LANGUAGES.contains(clean)) {
            throw new UserFacingException("error.clinic.language", String.join(", ", LANGUAGES));
        }
        Clinic clinic = clinics.findById(clinicId).orElseThrow(() -> new RecordNotFoundException("Clinic", clinicId));
        if (!java.util.Objects.equals(clinic.getDefaultLanguage(), clean)) {
            auditLog.record(AuditLog.Action.UPDATE, "clinic", clinicId, "default language: " + clinic.getDefaultLanguage() + " → " + clean);
            clinic.setDefaultLanguage(clean);
        }
    }

    @Transactional
    public ClinicSummary addLocation(String name) {
        long clinicId = currentUser.requireAnyRole(Role.ADMIN).clinicId();
        String clean = requireName(Problem.text("error.field.locationName"), name);
        requireUnusedName(clinicId, clean, null);
        Location saved = locations.saveAndFlush(new Location(clinicId, clean));
        auditLog.record(AuditLog.Action.CREATE, "location", saved.getId(), "name: " + clean);
        return summary(clinicId);
    }

    @Transactional
    public ClinicSummary renameLocation(long locationId, String name) {
        long clinicId = currentUser.requireAnyRole(Role.ADMIN).clinicId();
        Location location = location(locationId, clinicId);
        String clean = requireName(Problem.text("error.field.locationName"), name);
        requireUnusedName(clinicId, clean, locationId);
        renameAudited("location", locationId, location.getName(), clean, location::rename);
        return summary(clinicId);
    }

    /** A rename to the same name is no change and leaves no audit row; a real one is audited with old and new. */
    private void renameAudited(String table, long id, String oldName, String newName, Consumer<String> rename) {
        if (!oldName.equals(newName)) {
            auditLog.record(AuditLog.Action.UPDATE, table, id, "name: " + oldName + " → " + newName);
            rename.accept(newName);
        }
    }

    /** No new episodes there from now on; its episodes, visits and report history stay as they are. */
    @Transactional
    public ClinicSummary archiveLocation(long locationId) {
        long clinicId = currentUser.requireAnyRole(Role.ADMIN).clinicId();
        Location location = location(locationId, clinicId);
        if (location.isArchived()) {
            return summary(clinicId);
        }
        if (summary(clinicId).openLocations().size() <= 1) {
            throw new UserFacingException("error.location.onlyOpen", location.getName());
        }
        location.archive(clock.instant());
        auditLog.record(AuditLog.Action.ARCHIVE, "location", locationId);
        return summary(clinicId);
    }

    @Transactional
    public ClinicSummary restoreLocation(long locationId) {
        long clinicId = currentUser.requireAnyRole(Role.ADMIN).clinicId();
        Location location = location(locationId, clinicId);
        if (location.isArchived()) {
            location.restore();
            auditLog.record(AuditLog.Action.UPDATE, "location", locationId, "restored from the archive");
        }
        return summary(clinicId);
    }

    /** The first-run checklist of the admin's home page and getting-started page. */
    @Transactional(readOnly = true)
    public SetupProgress setupProgress() {
        long clinicId = currentUser.requireAnyRole(Role.ADMIN).clinicId();
        ClinicSummary clinic = summary(clinicId);
        return new SetupProgress(clinic.name(), !clinic.name().equals(PLACEHOLDER_NAME), clinic.openLocations().size(),
                activeTherapists(clinicId));
    }

    @Transactional(readOnly = true)
    public ClinicOverview overview() {
        long clinicId = currentUser.clinicId();
        ClinicSummary clinic = summary(clinicId);
        LocalDate today = LocalDate.now(clock);
        Map<OverviewCount, Long> counts = new EnumMap<>(OverviewCount.class);
        for (OverviewCounter counter : counters) {
            counts.putAll(counter.count(clinicId, today));
        }
        return new ClinicOverview(clinic.name(), clinic.openLocations().size(), activeTherapists(clinicId),
                counts.getOrDefault(OverviewCount.PATIENTS, 0L), counts.getOrDefault(OverviewCount.OPEN_EPISODES, 0L),
                counts.getOrDefault(OverviewCount.DISCHARGED_EPISODES, 0L),
                counts.getOrDefault(OverviewCount.VISITS_LAST_30_DAYS, 0L),
                counts.getOrDefault(OverviewCount.FOLLOW_UPS_DUE, 0L), counts.getOrDefault(OverviewCount.RECURRENCES, 0L));
    }

    /** Therapists who can still sign in: deactivated ones keep their history but no longer count. */
    private int activeTherapists(long clinicId) {
        return (int) users.clinicUsers().stream()
                .filter(u -> u.clinicId() == clinicId && u.active() && u.roles().contains(Role.THERAPIST)).count();
    }

    private Location location(long locationId, long clinicId) {
        return locations.findByIdAndClinicId(locationId, clinicId).orElseThrow(() -> new RecordNotFoundException("Location", locationId));
    }

    private static String requireName(Problem field, @Nullable String name) {
        if (name == null || name.isBlank()) {
            throw new UserFacingException("error.required", field);
        }
        if (name.strip().length() > NAME_MAX_LENGTH) {
            throw new UserFacingException(List.of(UserFacingException.tooLong(field, NAME_MAX_LENGTH, name.strip().length())));
        }
        PlainText.require(field, name);
        return name.strip();
    }

    private void requireUnusedName(long clinicId, String name, @Nullable Long except) {
        boolean taken = locations.findByClinicIdOrderByName(clinicId).stream()
                .anyMatch(l -> l.getName().equalsIgnoreCase(name) && !l.getId().equals(except));
        if (taken) {
            throw new UserFacingException("error.location.taken", name);
        }
    }

    private ClinicSummary summary(long clinicId) {
        Clinic clinic = clinics.findById(clinicId).orElseThrow(() -> new RecordNotFoundException("Clinic", clinicId));
        return new ClinicSummary(clinicId, clinic.getName(), locations.findByClinicIdOrderByName(clinicId).stream()
                .map(l -> new ClinicSummary.LocationSummary(l.getId(), l.getName(), l.isArchived())).toList());
    }
}
