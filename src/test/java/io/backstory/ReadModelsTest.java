package io.backstory;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.clinic.ClinicOverview;
import io.backstory.clinic.ClinicService;
import io.backstory.patients.PatientRow;
import io.backstory.patients.PatientService;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 15 item 3: the home page's counts and the patients worklist's dates now come from the modules that own the
 * records (OverviewCounter, EpisodeDates) instead of SQL in clinic and patients. On the seeded demo clinic they must
 * equal what the one-query SQL used to give, kept here as the reference.
 */
@BackstoryTest
class ReadModelsTest {

    @Autowired TestSecurity security;
    @Autowired ClinicService clinics;
    @Autowired PatientService patients;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    @AfterEach
    void signOut() {
        security.signOut();
    }

    @Test
    void shouldCountTheHomePageFiguresAsTheFormerSqlDid() {
        security.signInAs("owner");
        ClinicOverview overview = clinics.overview();
        long clinicId = jdbc.sql("select clinic_id from user_account where username = 'owner'").query(Long.class).single();
        LocalDate today = LocalDate.now(clock);

        assertThat(overview.patients()).isPositive().isEqualTo(count("select count(*) from patient where clinic_id = ?", clinicId));
        assertThat(overview.openEpisodes()).isEqualTo(count("select count(*) from episode where clinic_id = ? and discharge_date is null", clinicId));
        assertThat(overview.dischargedEpisodes()).isPositive()
                .isEqualTo(count("select count(*) from episode where clinic_id = ? and discharge_date is not null", clinicId));
        assertThat(overview.visitsLast30Days())
                .isEqualTo(count("select count(*) from visit where clinic_id = ? and visit_date > ?", clinicId, today.minusDays(30)));
        assertThat(overview.followUpsDue())
                .isEqualTo(count("select count(*) from follow_up where clinic_id = ? and status = 'PENDING' and due_date <= ?", clinicId, today));
        assertThat(overview.recurrences()).isPositive().isEqualTo(count("select count(*) from recurrence where clinic_id = ?", clinicId));
        assertThat(overview.therapists()).isPositive().isEqualTo(count("select count(distinct r.user_account_id) from user_role r "
                + "join user_account a on a.id = r.user_account_id where r.clinic_id = ? and r.role = 'THERAPIST' and a.enabled", clinicId));
    }

    @Test
    void shouldGiveTheWorklistTheLastVisitAndNextCheckInTheFormerJoinsGave() {
        security.signInAs("therapist");
        List<PatientRow> page = patients.search("", 0, 200);
        assertThat(page).isNotEmpty();
        assertThat(page).anyMatch(r -> r.lastVisit() != null).anyMatch(r -> r.nextFollowUpDue() != null);
        for (PatientRow row : page) {
            LocalDate lastVisit = jdbc.sql("select max(v.visit_date) from visit v join episode e on e.id = v.episode_id "
                    + "where e.patient_id = ?").params(row.id()).query(LocalDate.class).list().getFirst();
            LocalDate nextDue = jdbc.sql("select min(f.due_date) from follow_up f join episode e on e.id = f.episode_id "
                    + "where e.patient_id = ? and f.status = 'PENDING'").params(row.id()).query(LocalDate.class).list().getFirst();
            assertThat(row.lastVisit()).as("last visit of patient %d", row.id()).isEqualTo(lastVisit);
            assertThat(row.nextFollowUpDue()).as("next check-in of patient %d", row.id()).isEqualTo(nextDue);
        }
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
