package io.backstory.care.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import io.backstory.ClinicalFixture;
import io.backstory.SignedIn;
import io.backstory.analytics.Chronicity;
import io.backstory.followups.CheckInTest;
import io.backstory.followups.CheckInTestConfig;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.AopTestUtils;

/**
 * The discharge dialog takes "today" from the app's clock, as the episode service does: before, it took the system
 * clock, so with the two apart (a moved test clock, as in the check-in journey) the dialog offered a date the service
 * refused as "in the future", or could not offer the service's today, and the episode stayed open.
 */
@CheckInTest
class DischargeDialogClockTest extends SpringBrowserlessTest {

    @RegisterExtension final SignedIn signedIn = SignedIn.outAfterEach();
    @Autowired ClinicalFixture fixture;
    @Autowired EpisodeService episodes;
    @Autowired CheckInTestConfig.MutableClock clock;

    @Test
    void shouldOfferAndDischargeOnTheAppClocksToday() {
        signedIn.signInAs("therapist");
        clock.advance(Duration.ofDays(3));
        LocalDate today = LocalDate.now(clock);
        EpisodeSummary episode = fixture.episode(fixture.patient(), today.minusDays(20), Chronicity.ACUTE);

        EpisodeView view = AopTestUtils.getUltimateTargetObject(navigate("episodes/" + episode.id(), EpisodeView.class));
        view.openDischarge(episode);
        roundTrip();
        assertThat(view.dischargeDate.getValue()).isEqualTo(today);
        assertThat(view.dischargeDate.getMax()).isEqualTo(today);
        test(view.confirmDischarge).click();

        assertThat(view.dischargeErrors.getElement().getTextRecursively()).isEmpty();
        assertThat(episodes.get(episode.id()).dischargeDate()).isEqualTo(today);
    }
}
