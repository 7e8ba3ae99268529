package io.backstory.care;

import io.backstory.base.UserFacingException;
import io.backstory.base.UserFacingException.Problem;
import io.backstory.clinic.ClinicService;
import io.backstory.followups.FollowUpService;
import io.backstory.measures.MeasureEntry;
import io.backstory.measures.MeasureService;
import io.backstory.measures.MeasureSummary;
import io.backstory.measures.Timepoint;
import io.backstory.patients.DischargeReason;
import io.backstory.patients.EpisodeCommand;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.patients.PatientService;
import io.backstory.patients.PatientSummary;
import io.backstory.security.AuditLog;
import io.backstory.security.CurrentUser;
import io.backstory.visits.CoverageStrip;
import io.backstory.visits.VisitService;
import io.backstory.visits.VisitSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The intake and the discharge as the therapist does them: an episode with its measures, in one transaction, so an
 * invalid measure leaves no half-opened episode and a discharge never lacks the measures entered with it. And the
 * content of the patient and episode pages as page models ({@link PatientPage}, {@link EpisodePage}), each read in one
 * transaction.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class EpisodeCareService {

    private final PatientService patients;
    private final EpisodeService episodes;
    private final MeasureService measures;
    private final VisitService visits;
    private final FollowUpService followUps;
    private final ClinicService clinics;
    private final CurrentUser currentUser;
    private final AuditLog auditLog;

    /**
     * The episode page: each record read once (the episode view made 8 service calls that read the episode 9 times
     * and wrote 16 audit rows), the strip, nudges and trends computed from those reads, and ONE audit row, READ
     * episode N, for the view of the record. Read-write, not {@code readOnly}: the audit row is written in this
     * transaction, and a read-only one would go to the read replica, which may not yet have the visit just logged.
     */
    @Transactional
    public EpisodePage episodePage(long episodeId) {
        return auditLog.readAsOne("episode", episodeId, "episode page", () -> {
            EpisodeSummary episode = episodes.get(episodeId);
            List<VisitSummary> visitList = visits.list(episodeId);
            List<MeasureSummary> measureList = measures.list(episodeId);
            CoverageStrip strip = CoverageStrip.of(visitList);
            return new EpisodePage(episode, currentUser.require().recordsCare(),
                    followUps.recurrence(episodeId).orElse(null), visitList, strip,
                    VisitService.nudges(episode, strip, measureList), MeasureService.trends(measureList),
                    episode.open() ? List.of() : followUps.forEpisode(episodeId));
        });
    }

    /**
     * The patient page, as {@link #episodePage}: the patient, their language and episodes read once, and ONE audit
     * row, READ patient N, for the view of the record (the page's separate calls wrote one for the patient and one
     * for the list of their episodes).
     */
    @Transactional
    public PatientPage patientPage(long patientId) {
        return auditLog.readAsOne("patient", patientId, "patient page", () -> {
            PatientSummary patient = patients.get(patientId);
            List<EpisodeSummary> list = episodes.listForPatient(patientId);
            boolean canWrite = currentUser.require().recordsCare();
            boolean intake = canWrite && list.stream().noneMatch(EpisodeSummary::open);
            return new PatientPage(patient, patients.language(patientId).orElse(null), list, canWrite,
                    intake ? episodes.therapists() : List.of(), intake ? clinics.currentClinic().openLocations() : List.of());
        });
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
