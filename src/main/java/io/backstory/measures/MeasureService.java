package io.backstory.measures;

import io.backstory.base.UserFacingException;
import io.backstory.patients.EpisodeRecordsChanged;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.security.AuditLog;
import io.backstory.security.BackstoryUser;
import io.backstory.security.CurrentUser;
import io.backstory.security.Role;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Outcome measures of an episode, scored by {@link Scoring} before anything is stored. */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class MeasureService {

    private final MeasureRepository measures;
    private final EpisodeService episodes;
    private final CurrentUser currentUser;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    /** Records several instruments at one timepoint; all or none are stored. */
    @Transactional
    public List<MeasureSummary> record(long episodeId, Timepoint timepoint, LocalDate recordedOn, List<MeasureEntry> entries) {
        BackstoryUser user = currentUser.requireAnyRole(Role.THERAPIST, Role.ADMIN);
        EpisodeSummary episode = episodes.get(episodeId);
        if (timepoint == null) {
            throw new UserFacingException("error.measure.timepoint");
        }
        if (recordedOn == null || recordedOn.isBefore(episode.startDate()) || recordedOn.isAfter(LocalDate.now(clock))) {
            throw new UserFacingException("error.measure.date", episode.startDate());
        }
        List<MeasureSummary> saved = new ArrayList<>();
        for (MeasureEntry entry : entries) {
            InstrumentScore score = entry.score();
            Measure m = measures.save(new Measure(user.clinicId(), episodeId, timepoint, recordedOn, score, entry.items()));
            saved.add(m.toSummary());
        }
        measures.flush();
        auditLog.record(AuditLog.Action.CREATE, "measure", "episode:" + episodeId);
        events.publishEvent(new EpisodeRecordsChanged(user.clinicId(), episodeId));
        return List.copyOf(saved);
    }

    @Transactional
    public MeasureSummary record(long episodeId, Timepoint timepoint, LocalDate recordedOn, MeasureEntry entry) {
        return record(episodeId, timepoint, recordedOn, List.of(entry)).getFirst();
    }

    @Transactional
    public List<MeasureSummary> list(long episodeId) {
        return episodes.readRecordsOf(episodeId, "measure", clinicId ->
                measures.findByEpisodeIdAndClinicIdOrderByRecordedOnAscIdAsc(episodeId, clinicId).stream().map(Measure::toSummary).toList());
    }

    /**
     * Per instrument: the baseline (first recorded) and the latest later measure, with the MCID reading; of measures
     * already read ({@link #list}, in recording order), so a page that shows both reads them once.
     */
    public static List<MeasureTrend> trends(List<MeasureSummary> measures) {
        Map<Instrument, List<MeasureSummary>> byInstrument = new EnumMap<>(Instrument.class);
        for (MeasureSummary m : measures) {
            byInstrument.computeIfAbsent(m.instrument(), i -> new ArrayList<>()).add(m);
        }
        List<MeasureTrend> trends = new ArrayList<>();
        byInstrument.forEach((instrument, list) -> {
            MeasureSummary baseline = list.stream().filter(m -> m.timepoint() == Timepoint.BASELINE).findFirst()
                    .orElse(list.getFirst());
            MeasureSummary latest = list.getLast() == baseline ? null : list.getLast();
            trends.add(new MeasureTrend(instrument, baseline, latest,
                    latest == null ? null : instrument.change(baseline.score(), latest.score())));
        });
        return trends;
    }

    /** The latest score of an instrument in the episode, if any. */
    @Transactional
    public Optional<MeasureSummary> latest(long episodeId, Instrument instrument) {
        return list(episodeId).stream().filter(m -> m.instrument() == instrument).reduce((a, b) -> b);
    }
}
