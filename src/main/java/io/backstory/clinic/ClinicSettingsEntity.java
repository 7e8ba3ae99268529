package io.backstory.clinic;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "clinic_settings")
class ClinicSettingsEntity {

    @Id
    @Column(name = "clinic_id")
    private long clinicId;

    @Column(name = "recurrence_pain_free_days", nullable = false)
    private int painFreeDays = 30;

    @Column(name = "recurrence_min_intensity", nullable = false)
    private int minIntensity = 2;

    @Column(name = "recurrence_min_hours", nullable = false)
    private int minHours = 24;

    @Column(name = "follow_up_months", nullable = false, length = 60)
    private String followUpMonths = "1,3,6,12";

    @Column(name = "isolated_max_breadth", nullable = false)
    private int isolatedMaxBreadth = 1;

    @Column(name = "horizon_days", nullable = false)
    private int horizonDays = 365;

    @Version
    private long version;

    protected ClinicSettingsEntity() {
    }

    ClinicSettingsEntity(long clinicId) {
        this.clinicId = clinicId;
    }

    ClinicSettings toRecord() {
        return new ClinicSettings(clinicId, painFreeDays, minIntensity, minHours,
                ClinicSettings.parseMonths(followUpMonths), isolatedMaxBreadth, horizonDays);
    }

    void apply(ClinicSettings s) {
        painFreeDays = s.painFreeDays();
        minIntensity = s.minIntensity();
        minHours = s.minDurationHours();
        followUpMonths = String.join(",", s.followUpMonths().stream().map(String::valueOf).toList());
        isolatedMaxBreadth = s.isolatedMaxBreadth();
        horizonDays = s.horizonDays();
    }
}
