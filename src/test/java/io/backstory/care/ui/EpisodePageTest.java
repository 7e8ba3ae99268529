package io.backstory.care.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import io.backstory.AuditRows;
import io.backstory.BackstoryTest;
import io.backstory.NewEpisode;
import io.backstory.analytics.Chronicity;
import io.backstory.care.EpisodeCareService;
import io.backstory.measures.Instrument;
import io.backstory.measures.MeasureEntry;
import io.backstory.patients.DischargeReason;
import io.backstory.visits.Factor;
import io.backstory.visits.VisitCommand;
import io.backstory.visits.VisitService;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 15 item 2: the episode page loads one page model, and a view of it is one audit row ("READ episode N"),
 * not the 16 rows the eight service calls behind the page wrote for a discharged episode before.
 */
@BackstoryTest
class EpisodePageTest extends SpringBrowserlessTest {

    @Autowired VisitService visits;
    @Autowired EpisodeCareService care;
    @Autowired JdbcClient jdbc;

    @RegisterExtension
    final NewEpisode episode = NewEpisode.opened(30, Chronicity.ACUTE);

    @BeforeEach
    void dischargedWithAVisitAndMeasures() {
        long me = visits.prefill(episode.id()).therapistId();
        visits.log(new VisitCommand(episode.id(), episode.today().minusDays(20), me, 30, 5, null, Set.of(Factor.BELIEFS, Factor.STRENGTH), Set.of()));
        care.discharge(episode.id(), episode.today(), DischargeReason.GOALS_MET, List.of(MeasureEntry.total(Instrument.NPRS, 2)));
    }

    @Test
    void shouldRenderTheEpisodePageFromOnePageModelWithOneAuditRow() {
        AuditRows audit = AuditRows.from(jdbc);

        EpisodeView view = target(navigate("episodes/" + episode.id(), EpisodeView.class));

        assertThat(audit.written()).containsExactly("READ episode " + episode.id());
        String text = view.getElement().getTextRecursively();
        assertThat(text).contains(episode.summary().patientName()).contains("Goals met");
        assertThat(view.getChildren().filter(c -> c.getClassNames().contains("panel"))
                .flatMap(c -> c.getChildren()).filter(CoverageStripView.class::isInstance)).hasSize(1);
        assertThat(view.getElement().getOuterHTML()).contains("trend-grid");
        assertThat(view.getElement().getOuterHTML().split("follow-up-row", -1)).hasSize(4 + 1);
    }

    @Test
    void shouldShowTheNotFoundPageForAnotherIdWithoutAReadRow() {
        AuditRows audit = AuditRows.from(jdbc);

        navigate("episodes/" + (episode.id() + 1_000_000), io.backstory.base.ui.NotFoundView.class);

        assertThat(audit.actions()).containsExactly("NOT_FOUND");
    }

    private static EpisodeView target(EpisodeView view) {
        return org.springframework.test.util.AopTestUtils.getUltimateTargetObject(view);
    }
}
