package io.backstory;

import io.backstory.analytics.Chronicity;
import io.backstory.patients.EpisodeSummary;
import java.time.LocalDate;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The demo therapist signed in with a new patient's episode, opened some days ago, before each test, and signed out
 * after it: the start the visit, measure and episode-page tests each wrote in their own {@code @BeforeEach} and
 * {@code @AfterEach}. Register it on an instance field ({@code @RegisterExtension final NewEpisode episode =
 * NewEpisode.opened(30, Chronicity.ACUTE);}); like {@link SignedIn} it runs before the class's own {@code @BeforeEach}.
 */
public final class NewEpisode extends SignedIn {

    private final int daysAgo;
    private final Chronicity chronicity;
    private LocalDate today;
    private EpisodeSummary episode;

    private NewEpisode(int daysAgo, Chronicity chronicity) {
        super("therapist");
        this.daysAgo = daysAgo;
        this.chronicity = chronicity;
    }

    /** An episode that started this many days before today. */
    public static NewEpisode opened(int daysAgo, Chronicity chronicity) {
        return new NewEpisode(daysAgo, chronicity);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        super.beforeEach(context);
        ClinicalFixture fixture = bean(ClinicalFixture.class);
        today = LocalDate.now();
        episode = fixture.episode(fixture.patient(), today.minusDays(daysAgo), chronicity);
    }

    /** The day the episode's start was counted back from, for the test's dates. */
    public LocalDate today() {
        return today;
    }

    public long id() {
        return episode.id();
    }

    /** The episode as it was opened. */
    public EpisodeSummary summary() {
        return episode;
    }
}
