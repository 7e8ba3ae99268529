package io.backstory.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.BackstoryTest;
import io.backstory.NewEpisode;
import io.backstory.analytics.Chronicity;
import io.backstory.base.ConcurrentEditException;
import io.backstory.measures.Instrument;
import io.backstory.measures.MeasureEntry;
import io.backstory.measures.MeasureService;
import io.backstory.measures.Timepoint;
import io.backstory.patients.EpisodeService;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

@BackstoryTest
class VisitServiceTest {

    @Autowired VisitService visits;
    @Autowired MeasureService measures;
    @Autowired EpisodeService episodes;

    @RegisterExtension
    final NewEpisode episode = NewEpisode.opened(20, Chronicity.ACUTE);

    /** The nudges as the episode page computes them, from the records it has read. */
    private List<Nudge> nudges() {
        return VisitService.nudges(episodes.get(episode.id()), CoverageStrip.of(visits.list(episode.id())), measures.list(episode.id()));
    }

    private long intervention(String code) {
        return visits.catalogue().stream().filter(i -> i.code().equals(code)).findFirst().orElseThrow().id();
    }

    @Test
    void shouldOfferTheCatalogueWithPassiveCareAddressingNoFactor() {
        List<InterventionSummary> catalogue = visits.catalogue();
        assertThat(catalogue).hasSizeGreaterThanOrEqualTo(25);
        assertThat(catalogue).filteredOn(i -> i.code().equals("TENS")).singleElement()
                .extracting(InterventionSummary::factor).isNull();
        assertThat(catalogue).filteredOn(i -> i.code().equals("PAIN_EDUCATION")).singleElement()
                .extracting(InterventionSummary::factor).isEqualTo(Factor.BELIEFS);
    }

    @Test
    void shouldLogAVisitWhereAnInterventionImpliesItsFactor() {
        VisitCommand draft = visits.prefill(episode.id());
        assertThat(draft.visitDate()).isEqualTo(episode.today());

        VisitSummary saved = visits.log(new VisitCommand(episode.id(), episode.today().minusDays(1), draft.therapistId(), 45, 6,
                "Walked in guarded", Set.of(Factor.MOVEMENT), Set.of(intervention("WALKING_PROGRAMME"), intervention("HEAT"))));

        assertThat(saved.factors()).containsExactlyInAnyOrder(Factor.MOVEMENT, Factor.RECOVERY);
        assertThat(saved.therapistName()).isEqualTo("Theo Marsh");
        assertThat(visits.list(episode.id())).extracting(VisitSummary::id).containsExactly(saved.id());
    }

    @Test
    void shouldPrefillTheNextVisitFromThePreviousOne() {
        VisitCommand draft = visits.prefill(episode.id());
        visits.log(new VisitCommand(episode.id(), episode.today().minusDays(2), draft.therapistId(), 40, 5, null,
                Set.of(Factor.STRENGTH, Factor.BELIEFS), Set.of(intervention("GRADED_LOADING"))));

        VisitCommand next = visits.prefill(episode.id());

        assertThat(next.visitDate()).isEqualTo(episode.today());
        assertThat(next.minutes()).isEqualTo(40);
        assertThat(next.factors()).containsExactlyInAnyOrder(Factor.STRENGTH, Factor.BELIEFS);
        assertThat(next.interventionIds()).containsExactly(intervention("GRADED_LOADING"));
        assertThat(next.nprs()).isNull();
    }

    @Test
    void shouldExplainAConflictWhenTheVisitChangedSinceItWasOpened() {
        VisitCommand draft = visits.prefill(episode.id());
        VisitSummary saved = visits.log(new VisitCommand(episode.id(), episode.today(), draft.therapistId(), 30, 4, null,
                Set.of(Factor.MOBILITY), Set.of()));
        VisitCommand edit = new VisitCommand(episode.id(), episode.today(), draft.therapistId(), 35, 4, "colleague", Set.of(Factor.MOBILITY), Set.of());
        VisitSummary colleague = visits.update(saved.id(), saved.version(), edit);
        assertThat(colleague.version()).isGreaterThan(saved.version());

        assertThatThrownBy(() -> visits.update(saved.id(), saved.version(), edit))
                .isInstanceOf(ConcurrentEditException.class).hasMessageContaining("changed by someone else");
        assertThat(visits.get(saved.id()).note()).isEqualTo("colleague");
    }

    @Test
    void shouldNameEveryBrokenRule() {
        VisitCommand bad = new VisitCommand(episode.id(), episode.today().plusDays(1), 999_999, 2, 11, "x".repeat(2001), Set.of(), Set.of(-1L));
        assertThatThrownBy(() -> visits.log(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Visit date:").hasMessageContaining("Therapist:")
                .hasMessageContaining("Minutes: between 5 and 240").hasMessageContaining("Pain today (NPRS): between 0 and 10")
                .hasMessageContaining("Note: at most 2000").hasMessageContaining("Interventions:");
        assertThat(visits.list(episode.id())).isEmpty();
    }

    @Test
    void shouldBuildTheCoverageStripAndNudgeWhenBeliefsAreMissingForAFearfulPatient() {
        measures.record(episode.id(), Timepoint.BASELINE, episode.today().minusDays(20), MeasureEntry.total(Instrument.FABQ, 18, 10));
        long me = visits.prefill(episode.id()).therapistId();
        visits.log(new VisitCommand(episode.id(), episode.today().minusDays(10), me, 30, 5, null, Set.of(Factor.MOVEMENT), Set.of()));
        visits.log(new VisitCommand(episode.id(), episode.today().minusDays(5), me, 30, 4, null, Set.of(Factor.MOVEMENT, Factor.STRENGTH), Set.of()));

        CoverageStrip strip = CoverageStrip.of(visits.list(episode.id()));
        assertThat(strip.visits()).hasSize(2);
        assertThat(strip.breadth()).isEqualTo(2);
        assertThat(nudges()).extracting(Nudge::key).containsExactly("beliefs");

        visits.log(new VisitCommand(episode.id(), episode.today(), me, 30, 3, null, Set.of(Factor.BELIEFS), Set.of()));
        assertThat(nudges()).isEmpty();
    }
}
