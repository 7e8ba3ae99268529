package io.backstory.clinic;

import io.backstory.base.RecordNotFoundException;
import io.backstory.security.CurrentUser;
import io.backstory.security.Role;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ClinicService {

    private final ClinicRepository clinics;
    private final LocationRepository locations;
    private final ClinicSettingsRepository settings;
    private final CurrentUser currentUser;
    private final JdbcClient jdbc;
    private final Clock clock;

    ClinicService(ClinicRepository clinics, LocationRepository locations, ClinicSettingsRepository settings,
                  CurrentUser currentUser, JdbcClient jdbc, Clock clock) {
        this.clinics = clinics;
        this.locations = locations;
        this.settings = settings;
        this.currentUser = currentUser;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Creates a clinic with its locations and default settings; used at bootstrap and by the demo seeder. */
    @Transactional
    public ClinicSummary createClinic(String name, List<String> locationNames) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Clinic name: required");
        }
        if (locationNames.isEmpty()) {
            throw new IllegalArgumentException("Locations: at least one location");
        }
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

    /** Clinical definitions change what the report counts as a recurrence: owners and admins only. */
    @Transactional
    public ClinicSettings updateSettings(ClinicSettings changed) {
        long clinicId = currentUser.requireAnyRole(Role.OWNER, Role.ADMIN).clinicId();
        if (changed.clinicId() != clinicId) {
            throw new RecordNotFoundException("Clinic settings", changed.clinicId());
        }
        ClinicSettingsEntity entity = settings.findById(clinicId).orElseGet(() -> new ClinicSettingsEntity(clinicId));
        entity.apply(changed);
        return settings.save(entity).toRecord();
    }

    @Transactional(readOnly = true)
    public ClinicOverview overview() {
        long clinicId = currentUser.clinicId();
        ClinicSummary clinic = summary(clinicId);
        LocalDate today = LocalDate.now(clock);
        return new ClinicOverview(clinic.name(), clinic.locations().size(),
                count("select count(distinct user_account_id) from user_role where clinic_id = ? and role = 'THERAPIST'", clinicId),
                count("select count(*) from patient where clinic_id = ?", clinicId),
                count("select count(*) from episode where clinic_id = ? and discharge_date is null", clinicId),
                count("select count(*) from episode where clinic_id = ? and discharge_date is not null", clinicId),
                count("select count(*) from visit where clinic_id = ? and visit_date > ?", clinicId, today.minusDays(30)),
                count("select count(*) from follow_up where clinic_id = ? and status = 'PENDING' and due_date <= ?", clinicId, today),
                count("select count(*) from recurrence where clinic_id = ?", clinicId));
    }

    private int count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single().intValue();
    }

    private ClinicSummary summary(long clinicId) {
        Clinic clinic = clinics.findById(clinicId).orElseThrow(() -> new RecordNotFoundException("Clinic", clinicId));
        return new ClinicSummary(clinicId, clinic.getName(), locations.findByClinicIdOrderByName(clinicId).stream()
                .map(l -> new ClinicSummary.LocationSummary(l.getId(), l.getName())).toList());
    }
}
