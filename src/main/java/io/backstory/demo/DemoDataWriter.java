package io.backstory.demo;

import io.backstory.demo.SyntheticRecords.Baseline;
import io.backstory.demo.SyntheticRecords.Episode;
import io.backstory.demo.SyntheticRecords.FollowUp;
import io.backstory.demo.SyntheticRecords.Patient;
import io.backstory.demo.SyntheticRecords.Recurrence;
import io.backstory.demo.SyntheticRecords.Visit;
import io.backstory.followups.FollowUpStatus;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes generated patients with set-based JDBC batches. The generator is a trusted, bulk source
 * (thousands of rows in the demo, a million episodes for benchmarks), so it bypasses the services'
 * per-record checks and audit rows, which exist for people entering data. Ids are assigned here and
 * the identity columns restarted afterwards, so the app continues numbering after the demo rows.
 */
@Component
class DemoDataWriter {

    private static final String[] TABLES = {"patient", "episode", "visit", "measure", "follow_up", "recurrence"};

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final Map<String, Long> nextId = new HashMap<>();

    DemoDataWriter(JdbcTemplate jdbc, JdbcClient client) {
        this.jdbc = jdbc;
        this.client = client;
    }

    private long next(String table) {
        return nextId.merge(table, 1L, Long::sum);
    }

    @Transactional
    public int write(long clinicId, long[] therapists, long[] locations, List<Patient> patients) {
        if (nextId.isEmpty()) {
            for (String table : TABLES) {
                nextId.put(table, client.sql("select coalesce(max(id), 0) from " + table).query(Long.class).single());
            }
        }
        Map<String, List<Long>> catalogue = catalogue(clinicId);
        List<Object[]> patientRows = new ArrayList<>();
        List<Object[]> episodeRows = new ArrayList<>();
        List<Object[]> visitRows = new ArrayList<>();
        List<Object[]> factorRows = new ArrayList<>();
        List<Object[]> interventionRows = new ArrayList<>();
        List<Object[]> measureRows = new ArrayList<>();
        List<Object[]> followUpRows = new ArrayList<>();
        List<Object[]> recurrenceRows = new ArrayList<>();
        for (Patient p : patients) {
            long patientId = next("patient");
            patientRows.add(new Object[] {patientId, clinicId, p.firstName(), p.lastName(), Date.valueOf(p.dateOfBirth()),
                    p.sex().name(), p.phone(), p.email(), p.consentToFollowUp()});
            Long previousEpisode = null;
            for (Episode e : p.episodes()) {
                long episodeId = next("episode");
                long therapist = therapists[e.therapistIndex() % therapists.length];
                episodeRows.add(new Object[] {episodeId, clinicId, patientId, therapist, locations[e.locationIndex() % locations.length],
                        Date.valueOf(e.start()), e.discharge() == null ? null : Date.valueOf(e.discharge()), e.dischargeReason(),
                        e.chronicity().name(), e.priorEpisodes()});
                for (Visit visit : e.visits()) {
                    long visitId = next("visit");
                    visitRows.add(new Object[] {visitId, clinicId, episodeId, Date.valueOf(visit.date()), therapist,
                            visit.minutes(), visit.nprs(), visit.note()});
                    for (int f = 0; f < 5; f++) {
                        if ((visit.factorMask() & (1 << f)) != 0) {
                            String factor = DemoCohortGenerator.FACTORS[f];
                            factorRows.add(new Object[] {visitId, clinicId, factor});
                            List<Long> options = catalogue.get(factor);
                            if (options != null && !options.isEmpty()) {
                                interventionRows.add(new Object[] {visitId, clinicId, options.get((int) ((visitId + f) % options.size()))});
                            }
                        }
                    }
                    List<Long> passive = catalogue.get("PASSIVE");
                    if (passive != null && !passive.isEmpty() && visitId % 4 == 0) {
                        interventionRows.add(new Object[] {visitId, clinicId, passive.get((int) (visitId % passive.size()))});
                    }
                }
                baselineMeasures(clinicId, episodeId, e, measureRows);
                if (e.discharge() != null) {
                    measureRows.add(measure(clinicId, episodeId, "NPRS", "DISCHARGE", e.discharge(), e.dischargeNprs(), null, null));
                    measureRows.add(measure(clinicId, episodeId, "ODI", "DISCHARGE", e.discharge(), e.dischargeOdi(), null, null));
                }
                Long recurrenceFollowUp = null;
                for (FollowUp f : e.followUps()) {
                    long followUpId = next("follow_up");
                    followUpRows.add(new Object[] {followUpId, clinicId, episodeId, f.monthsAfter(), Date.valueOf(f.due()), f.status().name(),
                            f.completedOn() == null ? null : Date.valueOf(f.completedOn()),
                            f.status() == FollowUpStatus.PENDING ? null : f.status() == FollowUpStatus.COMPLETED, f.painFree(), f.currentNprs()});
                    if (recurrenceFollowUp == null && Boolean.FALSE.equals(f.painFree())) {
                        recurrenceFollowUp = followUpId;
                    }
                }
                // A care-seeking recurrence is linked to the next episode; the previous episode's recurrence is written with it.
                if (previousEpisode != null) {
                    Episode previous = p.episodes().get(p.episodes().indexOf(e) - 1);
                    Recurrence r = previous.recurrence();
                    if (r != null && r.source().equals("NEW_EPISODE")) {
                        recurrenceRows.add(recurrence(clinicId, previousEpisode, r, null, episodeId));
                    }
                }
                Recurrence r = e.recurrence();
                if (r != null && (r.source().equals("FOLLOW_UP") || isLast(p, e))) {
                    recurrenceRows.add(recurrence(clinicId, episodeId, r, r.source().equals("FOLLOW_UP") ? recurrenceFollowUp : null, null));
                }
                previousEpisode = episodeId;
            }
        }
        batch("insert into patient (id, clinic_id, first_name, last_name, date_of_birth, sex, phone, email, consent_follow_up) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)", patientRows);
        batch("insert into episode (id, clinic_id, patient_id, therapist_id, location_id, start_date, discharge_date, "
                + "discharge_reason, chronicity, prior_episodes) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", episodeRows);
        batch("insert into visit (id, clinic_id, episode_id, visit_date, therapist_id, minutes, nprs, note) values (?, ?, ?, ?, ?, ?, ?, ?)", visitRows);
        batch("insert into visit_factor (visit_id, clinic_id, factor) values (?, ?, ?)", factorRows);
        batch("insert into visit_intervention (visit_id, clinic_id, intervention_id) values (?, ?, ?)", interventionRows);
        batch("insert into follow_up (id, clinic_id, episode_id, months_after, due_date, status, completed_on, reached, pain_free, current_nprs) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", followUpRows);
        batch("insert into measure (id, clinic_id, episode_id, instrument, timepoint, recorded_on, score, subscales, category) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)", measureRows);
        batch("insert into recurrence (id, clinic_id, episode_id, onset_date, intensity, lasted_24h, activity_limiting, care_sought, "
                + "source, follow_up_id, new_episode_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", recurrenceRows);
        return patients.size();
    }

    /**
     * A care-seeking recurrence is written with the new episode that revealed it; when the generator
     * made no new episode (the patient sought care elsewhere), it is written with the discharged one.
     */
    private static boolean isLast(Patient p, Episode e) {
        return p.episodes().getLast() == e;
    }

    private void baselineMeasures(long clinicId, long episodeId, Episode e, List<Object[]> rows) {
        Baseline b = e.baseline();
        rows.add(measure(clinicId, episodeId, "NPRS", "BASELINE", e.start(), b.nprs(), null, null));
        rows.add(measure(clinicId, episodeId, "ODI", "BASELINE", e.start(), b.odi(), null, b.odi() <= 20 ? "minimal"
                : b.odi() <= 40 ? "moderate" : b.odi() <= 60 ? "severe" : b.odi() <= 80 ? "crippled" : "bed-bound"));
        rows.add(measure(clinicId, episodeId, "FABQ", "BASELINE", e.start(), b.fabqPa(), "PA=" + b.fabqPa() + ";W=" + b.fabqW(),
                b.fabqPa() > 14 ? "high" : "low"));
        rows.add(measure(clinicId, episodeId, "TSK11", "BASELINE", e.start(), b.tsk11(), null, null));
        rows.add(measure(clinicId, episodeId, "STARTBACK", "BASELINE", e.start(), b.startBackTotal(),
                "distress=" + b.startBackDistress(), b.startBack().name().toLowerCase()));
    }

    private Object[] measure(long clinicId, long episodeId, String instrument, String timepoint, java.time.LocalDate date,
                             Integer score, String subscales, String category) {
        return new Object[] {next("measure"), clinicId, episodeId, instrument, timepoint, Date.valueOf(date), score, subscales, category};
    }

    private Object[] recurrence(long clinicId, long episodeId, Recurrence r, Long followUpId, Long newEpisodeId) {
        return new Object[] {next("recurrence"), clinicId, episodeId, Date.valueOf(r.onset()), r.intensity(), r.lastedDay(),
                r.limitedActivity(), r.careSought(), r.source(), followUpId, newEpisodeId};
    }

    private Map<String, List<Long>> catalogue(long clinicId) {
        Map<String, List<Long>> byFactor = new HashMap<>();
        client.sql("select id, coalesce(factor, 'PASSIVE') as factor from intervention where active and (clinic_id is null or clinic_id = ?) order by id")
                .param(clinicId)
                .query((rs, n) -> byFactor.computeIfAbsent(rs.getString("factor"), k -> new ArrayList<>()).add(rs.getLong("id")))
                .list();
        return byFactor;
    }

    private void batch(String sql, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += 1000) {
            jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + 1000)));
        }
    }

    /** Continues the identity sequences after the explicitly numbered demo rows (same syntax on PostgreSQL and H2). */
    @Transactional
    public void restartIdentities() {
        for (String table : TABLES) {
            long max = client.sql("select coalesce(max(id), 0) from " + table).query(Long.class).single();
            jdbc.execute("alter table " + table + " alter column id restart with " + (max + 1));
        }
        nextId.clear();
    }
}
