package io.backstory.demo;

import io.backstory.demo.SyntheticRecords.Baseline;
import io.backstory.demo.SyntheticRecords.Episode;
import io.backstory.demo.SyntheticRecords.FollowUp;
import io.backstory.demo.SyntheticRecords.Patient;
import io.backstory.demo.SyntheticRecords.Recurrence;
import io.backstory.demo.SyntheticRecords.Visit;
import io.backstory.followups.FollowUpBulk;
import io.backstory.followups.FollowUpBulk.FollowUpRecord;
import io.backstory.followups.FollowUpBulk.RecurrenceRecord;
import io.backstory.followups.FollowUpStatus;
import io.backstory.measures.MeasureBulk;
import io.backstory.measures.MeasureBulk.MeasureRecord;
import io.backstory.patients.PatientBulk;
import io.backstory.patients.PatientBulk.EpisodeRecord;
import io.backstory.patients.PatientBulk.PatientRecord;
import io.backstory.visits.Factor;
import io.backstory.visits.VisitBulk;
import io.backstory.visits.VisitBulk.CatalogueEntry;
import io.backstory.visits.VisitBulk.InterventionGiven;
import io.backstory.visits.VisitBulk.VisitRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes generated patients through the owning modules' bulk APIs (set-based JDBC batches there). The generator is a
 * trusted, bulk source (thousands of rows in the demo, a million episodes for benchmarks), so it bypasses the
 * services' per-record checks and audit rows, which exist for people entering data. Ids are assigned here and the
 * identity columns restarted afterwards, so the app continues numbering after the demo rows.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class DemoDataWriter {

    private final PatientBulk patientBulk;
    private final VisitBulk visitBulk;
    private final MeasureBulk measureBulk;
    private final FollowUpBulk followUpBulk;
    /** The last id used per kind of row, read once from the tables and counted on from there. */
    private final Map<String, Long> lastId = new HashMap<>();

    private long next(String kind) {
        return lastId.merge(kind, 1L, Long::sum);
    }

    @Transactional
    public int write(long clinicId, long[] therapists, long[] locations, List<Patient> patients) {
        if (lastId.isEmpty()) {
            PatientBulk.LastIds patientIds = patientBulk.lastIds();
            FollowUpBulk.LastIds followUpIds = followUpBulk.lastIds();
            lastId.put("patient", patientIds.patient());
            lastId.put("episode", patientIds.episode());
            lastId.put("visit", visitBulk.lastVisitId());
            lastId.put("measure", measureBulk.lastMeasureId());
            lastId.put("follow_up", followUpIds.followUp());
            lastId.put("recurrence", followUpIds.recurrence());
        }
        Map<String, List<Long>> catalogue = catalogue(clinicId);
        List<PatientRecord> patientRows = new ArrayList<>();
        List<EpisodeRecord> episodeRows = new ArrayList<>();
        List<VisitRecord> visitRows = new ArrayList<>();
        List<InterventionGiven> interventionRows = new ArrayList<>();
        List<MeasureRecord> measureRows = new ArrayList<>();
        List<FollowUpRecord> followUpRows = new ArrayList<>();
        List<RecurrenceRecord> recurrenceRows = new ArrayList<>();
        for (Patient p : patients) {
            long patientId = next("patient");
            patientRows.add(new PatientRecord(patientId, p.firstName(), p.lastName(), p.dateOfBirth(), p.sex().name(), p.phone(), p.email(),
                    p.consentToFollowUp()));
            Long previousEpisode = null;
            for (Episode e : p.episodes()) {
                long episodeId = next("episode");
                long therapist = therapists[e.therapistIndex() % therapists.length];
                episodeRows.add(new EpisodeRecord(episodeId, patientId, therapist, locations[e.locationIndex() % locations.length], e.start(),
                        e.discharge(), e.dischargeReason(), e.chronicity().name(), e.priorEpisodes()));
                for (Visit visit : e.visits()) {
                    long visitId = next("visit");
                    Set<Factor> factors = EnumSet.noneOf(Factor.class);
                    for (int f = 0; f < 5; f++) {
                        if ((visit.factorMask() & (1 << f)) != 0) {
                            Factor factor = Factor.values()[f];
                            factors.add(factor);
                            List<Long> options = catalogue.get(factor.name());
                            if (options != null && !options.isEmpty()) {
                                interventionRows.add(new InterventionGiven(visitId, options.get((int) ((visitId + f) % options.size()))));
                            }
                        }
                    }
                    visitRows.add(new VisitRecord(visitId, episodeId, visit.date(), therapist, visit.minutes(), visit.nprs(), visit.note(),
                            factors));
                    List<Long> passive = catalogue.get("PASSIVE");
                    if (passive != null && !passive.isEmpty() && visitId % 4 == 0) {
                        interventionRows.add(new InterventionGiven(visitId, passive.get((int) (visitId % passive.size()))));
                    }
                }
                baselineMeasures(episodeId, e, measureRows);
                if (e.discharge() != null) {
                    measureRows.add(measure(episodeId, "NPRS", "DISCHARGE", e.discharge(), e.dischargeNprs(), null, null));
                    measureRows.add(measure(episodeId, "ODI", "DISCHARGE", e.discharge(), e.dischargeOdi(), null, null));
                }
                Long recurrenceFollowUp = null;
                for (FollowUp f : e.followUps()) {
                    long followUpId = next("follow_up");
                    followUpRows.add(new FollowUpRecord(followUpId, episodeId, f.monthsAfter(), f.due(), f.status(), f.completedOn(),
                            f.status() == FollowUpStatus.PENDING ? null : f.status() == FollowUpStatus.COMPLETED, f.painFree(), f.currentNprs(),
                            null));
                    if (recurrenceFollowUp == null && Boolean.FALSE.equals(f.painFree())) {
                        recurrenceFollowUp = followUpId;
                    }
                }
                // A care-seeking recurrence is linked to the next episode; the previous episode's recurrence is written with it.
                if (previousEpisode != null) {
                    Episode previous = p.episodes().get(p.episodes().indexOf(e) - 1);
                    Recurrence r = previous.recurrence();
                    if (r != null && r.source().equals("NEW_EPISODE")) {
                        recurrenceRows.add(recurrence(previousEpisode, r, null, episodeId));
                    }
                }
                Recurrence r = e.recurrence();
                if (r != null && (r.source().equals("FOLLOW_UP") || isLast(p, e))) {
                    recurrenceRows.add(recurrence(episodeId, r, r.source().equals("FOLLOW_UP") ? recurrenceFollowUp : null, null));
                }
                previousEpisode = episodeId;
            }
        }
        patientBulk.insertPatients(clinicId, patientRows);
        patientBulk.insertEpisodes(clinicId, episodeRows);
        visitBulk.insert(clinicId, visitRows, interventionRows);
        followUpBulk.insertFollowUps(clinicId, followUpRows);
        measureBulk.insert(clinicId, measureRows);
        followUpBulk.insertRecurrences(clinicId, recurrenceRows);
        return patients.size();
    }

    /**
     * A care-seeking recurrence is written with the new episode that revealed it; when the generator
     * made no new episode (the patient sought care elsewhere), it is written with the discharged one.
     */
    private static boolean isLast(Patient p, Episode e) {
        return p.episodes().getLast() == e;
    }

    private void baselineMeasures(long episodeId, Episode e, List<MeasureRecord> rows) {
        Baseline b = e.baseline();
        rows.add(measure(episodeId, "NPRS", "BASELINE", e.start(), b.nprs(), null, null));
        rows.add(measure(episodeId, "ODI", "BASELINE", e.start(), b.odi(), null, b.odi() <= 20 ? "minimal"
                : b.odi() <= 40 ? "moderate" : b.odi() <= 60 ? "severe" : b.odi() <= 80 ? "crippled" : "bed-bound"));
        rows.add(measure(episodeId, "FABQ", "BASELINE", e.start(), b.fabqPa(), "PA=" + b.fabqPa() + ";W=" + b.fabqW(),
                b.fabqPa() > 14 ? "high" : "low"));
        rows.add(measure(episodeId, "TSK11", "BASELINE", e.start(), b.tsk11(), null, null));
        rows.add(measure(episodeId, "STARTBACK", "BASELINE", e.start(), b.startBackTotal(),
                "distress=" + b.startBackDistress(), b.startBack().name().toLowerCase()));
    }

    private MeasureRecord measure(long episodeId, String instrument, String timepoint, LocalDate date, int score,
                                  @Nullable String subscales, @Nullable String category) {
        return new MeasureRecord(next("measure"), episodeId, null, instrument, timepoint, date, BigDecimal.valueOf(score), subscales, category);
    }

    private RecurrenceRecord recurrence(long episodeId, Recurrence r, @Nullable Long followUpId, @Nullable Long newEpisodeId) {
        return new RecurrenceRecord(next("recurrence"), episodeId, r.onset(), r.intensity(), r.lastedDay(), r.limitedActivity(), r.careSought(),
                r.source(), followUpId, newEpisodeId);
    }

    /** The clinic's active interventions by factor name ("PASSIVE" for passive care), each list in id order. */
    private Map<String, List<Long>> catalogue(long clinicId) {
        Map<String, List<Long>> byFactor = new HashMap<>();
        for (CatalogueEntry entry : visitBulk.catalogue(clinicId)) {
            if (entry.active()) {
                Factor factor = entry.factor();
                byFactor.computeIfAbsent(factor == null ? "PASSIVE" : factor.name(), k -> new ArrayList<>()).add(entry.id());
            }
        }
        return byFactor;
    }

    /** Continues the identity sequences after the explicitly numbered demo rows. */
    @Transactional
    public void restartIdentities() {
        patientBulk.restartIdentities();
        visitBulk.restartIdentities();
        measureBulk.restartIdentities();
        followUpBulk.restartIdentities();
        lastId.clear();
    }
}
