package io.backstory.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.BackstoryTest;
import io.backstory.ClinicalFixture;
import io.backstory.OwnClinic;
import io.backstory.analytics.Chronicity;
import io.backstory.base.RecordNotFoundException;
import io.backstory.patients.EpisodeCommand;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.PatientSummary;
import io.backstory.security.Role;
import io.backstory.security.TestAccounts;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** Issue 11: locations (add, rename, archive), the clinic's name, first-run progress and audited settings. */
@BackstoryTest
class ClinicAdministrationTest {

    @Autowired
    ClinicService clinics;
    @Autowired
    EpisodeService episodes;
    @Autowired
    ClinicalFixture fixture;
    @Autowired
    TestAccounts testAccounts;
    @Autowired
    JdbcClient jdbc;

    @RegisterExtension
    final OwnClinic clinic = OwnClinic.named(ClinicService.PLACEHOLDER_NAME).locations("Main location")
            .with("Cal Admin", Role.ADMIN, Role.THERAPIST).signedInAs(Role.ADMIN);

    @Test
    void shouldGuideTheFirstAdminUntilTheClinicIsNamedAndHasATherapist() {
        jdbc.sql("delete from user_role where user_account_id in (select id from user_account where username = ?) and role = 'THERAPIST'")
                .param(clinic.admin()).update();
        assertThat(clinics.setupProgress()).satisfies(p -> {
            assertThat(p.named()).isFalse();
            assertThat(p.therapists()).isZero();
            assertThat(p.complete()).isFalse();
        });
        clinics.renameClinic("  Riverside Physiotherapy ");
        assertThat(clinics.setupProgress().named()).isTrue();
        assertThat(clinics.currentClinic().name()).isEqualTo("Riverside Physiotherapy");
        assertThat(jdbc.sql("select detail from audit_event where entity = 'clinic' and entity_id = ?").param(String.valueOf(clinic.id()))
                .query(String.class).single()).isEqualTo("name: My clinic → Riverside Physiotherapy");
    }

    @Test
    void shouldArchiveALocationSoItTakesNoNewEpisodesButKeepsItsOwn() {
        ClinicSummary clinic = clinics.addLocation("Old Town");
        long oldTown = clinic.locations().stream().filter(l -> l.name().equals("Old Town")).findFirst().orElseThrow().id();
        PatientSummary patient = fixture.patient();
        long therapistId = episodes.therapists().getFirst().id();
        var episode = episodes.open(new EpisodeCommand(patient.id(), therapistId, oldTown, LocalDate.now(), Chronicity.ACUTE, 0));

        clinics.archiveLocation(oldTown);

        assertThat(clinics.currentClinic().openLocations()).extracting(ClinicSummary.LocationSummary::name).containsExactly("Main location");
        assertThat(episodes.get(episode.id()).locationName()).isEqualTo("Old Town");
        PatientSummary another = fixture.patient();
        assertThatThrownBy(() -> episodes.open(new EpisodeCommand(another.id(), therapistId, oldTown, LocalDate.now(), Chronicity.ACUTE, 0)))
                .hasMessageContaining("Location: choose an open location of this clinic");
        clinics.restoreLocation(oldTown);
        assertThat(clinics.currentClinic().openLocations()).hasSize(2);
    }

    @Test
    void shouldKeepOneOpenLocationAndUniqueNames() {
        long main = clinics.currentClinic().locations().getFirst().id();
        assertThatThrownBy(() -> clinics.archiveLocation(main)).hasMessageContaining("only open location");
        assertThatThrownBy(() -> clinics.addLocation("main LOCATION")).hasMessageStartingWith("Location name: the clinic already has a location");
        assertThatThrownBy(() -> clinics.addLocation(" ")).hasMessage("Location name: required");
        clinics.renameLocation(main, "High Street");
        assertThat(clinics.currentClinic().locations()).extracting(ClinicSummary.LocationSummary::name).containsExactly("High Street");
    }

    @Test
    void shouldAuditEverySettingsChangeWithOldAndNewValue() {
        ClinicSettings before = clinics.currentSettings();
        clinics.updateSettings(new ClinicSettings(before.clinicId(), 45, 2, 24, List.of(1, 6, 12), 1, 180));

        assertThat(jdbc.sql("select detail from audit_event where entity = 'clinic_settings' and entity_id = ? and action = 'UPDATE'")
                .param(String.valueOf(clinic.id())).query(String.class).single())
                .isEqualTo("recovery pain-free days: 30 → 45; follow-up months: [1, 3, 6, 12] → [1, 6, 12]; horizon days: 365 → 180");
    }

    @Test
    void shouldNameEveryBrokenSettingAtOnce() {
        assertThatThrownBy(() -> new ClinicSettings(clinic.id(), 0, 11, 24, List.of(1, 99), 5, 10))
                .hasMessage("Pain-free days: between 1 and 365; Minimum recurrence intensity: between 1 and 10; "
                        + "Follow-up schedule: one or more months between 1 and 60; Isolated-plan threshold: between 0 and 4 factors; "
                        + "Horizon: between 30 and 1825 days");
        assertThatThrownBy(() -> ClinicSettings.parseSchedule("1, three, 6")).hasMessageStartingWith("Follow-up schedule: whole numbers");
        assertThat(ClinicSettings.parseSchedule("12; 1, 3,3")).containsExactly(1, 3, 12);
    }

    @Test
    void shouldLeaveLocationsAndTheNameToAdminsOfTheClinic() {
        long main = clinics.currentClinic().locations().getFirst().id();
        List<String> other = testAccounts.newClinic("Other", List.of("There"), List.of(
                new TestAccounts.Person("Tia Owner", Set.of(Role.THERAPIST, Role.OWNER)), new TestAccounts.Person("Xan Admin", Set.of(Role.ADMIN))))
                .usernames();
        String owner = other.get(0);
        String otherAdmin = other.get(1);

        clinic.signInAs(owner);
        assertThatThrownBy(() -> clinics.addLocation("Mine")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> clinics.renameClinic("Mine")).isInstanceOf(AccessDeniedException.class);
        clinic.signInAs(otherAdmin);
        assertThatThrownBy(() -> clinics.archiveLocation(main)).isInstanceOf(RecordNotFoundException.class);
        assertThatThrownBy(() -> clinics.renameLocation(main, "Taken over")).isInstanceOf(RecordNotFoundException.class);
    }
}
