package io.backstory.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.BackstoryTest;
import io.backstory.NewEpisode;
import io.backstory.analytics.Chronicity;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

@BackstoryTest
class MeasureServiceTest {

    @Autowired MeasureService measures;

    @RegisterExtension
    final NewEpisode episode = NewEpisode.opened(30, Chronicity.CHRONIC);

    @Test
    void shouldScoreAndStoreBaselineMeasuresFromItemsAndTotals() {
        // FABQ: PA = items 2-5 = 4+5+6+3 = 18; W = items 6,7,9,10,11,12,15 = 7 x 2 = 14
        List<Integer> fabq = Arrays.asList(1, 4, 5, 6, 3, 2, 2, 0, 2, 2, 2, 2, 0, 0, 2, 0);
        // ODI with section 8 unanswered: 20 / 45 = 44.44 %
        List<Integer> odi = Arrays.asList(2, 2, 2, 3, 2, 2, 2, null, 3, 2);

        List<MeasureSummary> saved = measures.record(episode.id(), Timepoint.BASELINE, episode.today().minusDays(30), List.of(
                MeasureEntry.total(Instrument.NPRS, 7), MeasureEntry.items(Instrument.ODI, odi),
                MeasureEntry.items(Instrument.FABQ, fabq), MeasureEntry.total(Instrument.STARTBACK, 6, 4)));

        assertThat(saved).hasSize(4);
        MeasureSummary storedOdi = measures.list(episode.id()).get(1);
        assertThat(storedOdi.score()).isEqualTo(44.44);
        assertThat(storedOdi.category()).isEqualTo("severe");
        MeasureSummary storedFabq = measures.latest(episode.id(), Instrument.FABQ).orElseThrow();
        assertThat(storedFabq.score()).isEqualTo(18);
        assertThat(storedFabq.subscales()).containsEntry("PA", 18.0).containsEntry("W", 14.0);
        assertThat(storedFabq.category()).isEqualTo("high");
        assertThat(measures.latest(episode.id(), Instrument.STARTBACK).orElseThrow().category()).isEqualTo("high");
    }

    @Test
    void shouldReadTheTrendFromBaselineToLatestAgainstTheMcid() {
        measures.record(episode.id(), Timepoint.BASELINE, episode.today().minusDays(30), List.of(
                MeasureEntry.total(Instrument.NPRS, 7), MeasureEntry.total(Instrument.ODI, 40)));
        measures.record(episode.id(), Timepoint.DISCHARGE, episode.today(), List.of(
                MeasureEntry.total(Instrument.NPRS, 2), MeasureEntry.total(Instrument.ODI, 36)));

        List<MeasureTrend> trends = MeasureService.trends(measures.list(episode.id()));

        assertThat(trends).extracting(MeasureTrend::instrument).containsExactly(Instrument.NPRS, Instrument.ODI);
        assertThat(trends.get(0).change()).isEqualTo(Change.IMPROVED);
        assertThat(trends.get(0).latest().score()).isEqualTo(2);
        assertThat(trends.get(1).change()).isEqualTo(Change.NO_CLINICALLY_IMPORTANT_CHANGE);
    }

    @Test
    void shouldStoreNothingWhenOneInstrumentIsInvalid() {
        assertThatThrownBy(() -> measures.record(episode.id(), Timepoint.BASELINE, episode.today(), List.of(
                MeasureEntry.total(Instrument.NPRS, 5), MeasureEntry.total(Instrument.TSK11, 8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TSK-11 total: score 8 is outside 11–44");
        assertThatThrownBy(() -> measures.record(episode.id(), Timepoint.BASELINE, episode.today().plusDays(1),
                MeasureEntry.total(Instrument.NPRS, 5))).hasMessageContaining("Measure date:");
        assertThatThrownBy(() -> measures.record(episode.id(), Timepoint.BASELINE, episode.today(),
                MeasureEntry.total(Instrument.FABQ, 12))).hasMessageContaining("FABQ W subscale: required");
        assertThat(measures.list(episode.id())).isEmpty();
    }
}
