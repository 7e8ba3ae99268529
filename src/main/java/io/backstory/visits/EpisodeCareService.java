package io.backstory.visits;

import io.backstory.base.UserFacingException.Problem;
import io.backstory.base.UserFacingException;
import io.backstory.measures.MeasureEntry;
import io.backstory.measures.MeasureService;
import io.backstory.measures.Timepoint;
import io.backstory.patients.DischargeReason;
import io.backstory.patients.EpisodeCommand;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The intake and the discharge as the therapist does them: an episode with its measures, in one transaction, so an
 * invalid measure leaves no half-opened episode and a discharge never lacks the measures entered with it.
 */
@Service
public class EpisodeCareService {

    private final EpisodeService episodes;
    private final MeasureService measures;

    EpisodeCareService(EpisodeService episodes, MeasureService measures) {
        this.episodes = episodes;
        this.measures = measures;
    }

    @Transactional
    public EpisodeSummary openWithBaseline(EpisodeCommand command, List<MeasureEntry> baseline) {
        scoreAll(baseline);
        EpisodeSummary episode = episodes.open(command);
        if (!baseline.isEmpty()) {
            measures.record(episode.id(), Timepoint.BASELINE, command.startDate(), baseline);
        }
        return episode;
    }

    @Transactional
    public EpisodeSummary discharge(long episodeId, LocalDate date, DischargeReason reason, List<MeasureEntry> atDischarge) {
        scoreAll(atDischarge);
        EpisodeSummary episode = episodes.discharge(episodeId, date, reason);
        if (!atDischarge.isEmpty()) {
            measures.record(episodeId, Timepoint.DISCHARGE, date, atDischarge);
        }
        return episode;
    }

    /** Every measure's problem at once, before anything is written, so the form can show them together. */
    private static void scoreAll(List<MeasureEntry> entries) {
        List<Problem> problems = new ArrayList<>();
        for (MeasureEntry entry : entries) {
            try {
                entry.score();
            } catch (IllegalArgumentException e) {
                problems.addAll(UserFacingException.problemsOf(e));
            }
        }
        if (!problems.isEmpty()) {
            throw new UserFacingException(problems);
        }
    }
}
