package io.backstory.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.BackstoryTest;
import io.backstory.ClinicalFixture;
import io.backstory.TestSecurity;
import io.backstory.analytics.Chronicity;
import io.backstory.patients.EpisodeCommand;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.security.NewAccountCommand;
import io.backstory.security.Role;
import io.backstory.security.SetupLink;
import io.backstory.security.UserAccountService;
import io.backstory.security.UserSummary;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Issue 11: a deactivated therapist keeps their history but is offered for, and accepted on, no new work. */
@BackstoryTest
class DeactivatedTherapistTest {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    @Autowired TestSecurity security;
    @Autowired ClinicalFixture fixture;
    @Autowired UserAccountService accounts;
    @Autowired EpisodeService episodes;
    @Autowired VisitService visits;

    private final LocalDate today = LocalDate.now();

    @AfterEach
    void signOut() {
        security.signOut();
    }

    @Test
    void shouldNeitherOfferNorAcceptADeactivatedTherapistForNewEpisodesOrVisits() {
        security.signInAs("admin");
        // "Zz" sorts last, so the shared fixture (first active therapist) never picks this account
        SetupLink link = accounts.createAccount(new NewAccountCommand("leaving" + COUNTER.incrementAndGet() + System.nanoTime() % 10000,
                "Zz Leaving Therapist", null, Set.of(Role.THERAPIST)));
        accounts.completeSetup(link.token(), "a quiet harbour at dusk 42");
        long leaving = link.userId();
        assertThat(episodes.therapists()).extracting(UserSummary::id).contains(leaving);

        EpisodeCommand usual = fixture.command(fixture.patient().id(), today.minusDays(30), Chronicity.ACUTE);
        EpisodeSummary episode = episodes.open(new EpisodeCommand(usual.patientId(), leaving, usual.locationId(),
                usual.startDate(), usual.chronicity(), 0));
        VisitSummary before = visits.log(new VisitCommand(episode.id(), today.minusDays(20), leaving, 40, 5, null,
                Set.of(Factor.MOVEMENT), Set.of()));

        accounts.deactivate(leaving);

        assertThat(episodes.therapists()).extracting(UserSummary::id).doesNotContain(leaving);
        EpisodeCommand other = fixture.command(fixture.patient().id(), today.minusDays(10), Chronicity.ACUTE);
        assertThatThrownBy(() -> episodes.open(new EpisodeCommand(other.patientId(), leaving, other.locationId(),
                other.startDate(), other.chronicity(), 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Therapist: choose an active therapist");
        assertThatThrownBy(() -> visits.log(new VisitCommand(episode.id(), today.minusDays(5), leaving, 30, null, null,
                Set.of(Factor.STRENGTH), Set.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Therapist: choose an active therapist");

        // history keeps the name, and correcting that earlier visit may keep its therapist
        VisitSummary corrected = visits.update(before.id(), before.version(), new VisitCommand(episode.id(), before.visitDate(),
                leaving, 45, 5, "corrected", Set.of(Factor.MOVEMENT), Set.of()));
        assertThat(corrected.therapistName()).isEqualTo("Zz Leaving Therapist");
        assertThat(episodes.therapistsWith(leaving)).extracting(UserSummary::id).contains(leaving);
        // but a visit cannot be moved to the deactivated therapist from someone else
        VisitSummary someoneElses = visits.log(new VisitCommand(episode.id(), today.minusDays(4), episodes.therapists().getFirst().id(),
                30, null, null, Set.of(Factor.STRENGTH), Set.of()));
        assertThatThrownBy(() -> visits.update(someoneElses.id(), someoneElses.version(), new VisitCommand(episode.id(),
                someoneElses.visitDate(), leaving, 30, null, null, Set.of(Factor.STRENGTH), Set.of())))
                .hasMessageStartingWith("Therapist: choose an active therapist");
    }
}
