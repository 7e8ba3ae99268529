package io.backstory.followups;

import io.backstory.patients.PatientService;
import io.backstory.security.AuditLog;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a patient can do with a check-in link, without signing in (DESIGN §9): see whose check-in it is (the clinic's
 * name and their first name, nothing else), answer it once, or opt out of the messages. The token is the only
 * credential; every use is audited under the actor {@value #ACTOR}.
 */
@Service
public class CheckInLinkService {

    static final String ACTOR = "patient-link";

    public enum State { OPEN, ANSWERED, INVALID }

    /** The page model of a link; names are empty for an invalid link. */
    /** @param language the patient's language (issue 16), null when the patient has none: the browser's then */
    public record LinkPage(State state, String clinicName, String firstName, LocalDate dischargeDate, int minDurationHours,
                           @Nullable String language) {
        static LinkPage invalid() {
            return new LinkPage(State.INVALID, "", "", LocalDate.EPOCH, 24, null);
        }
    }

    private record Link(long id, long clinicId, long followUpId, long patientId, OffsetDateTime expiresAt, boolean used,
                        boolean pending, String firstName, String clinicName, LocalDate dischargeDate,
                        @Nullable String language) {
    }

    private final JdbcClient jdbc;
    private final FollowUpRepository followUps;
    private final FollowUpService followUpService;
    private final io.backstory.clinic.ClinicService clinics;
    private final PatientService patients;
    private final CheckInAddressees addressees;
    private final AuditLog auditLog;
    private final CheckInOutbox outbox;
    private final Clock clock;

    CheckInLinkService(JdbcClient jdbc, FollowUpRepository followUps, FollowUpService followUpService,
                       io.backstory.clinic.ClinicService clinics, PatientService patients, CheckInAddressees addressees,
                       AuditLog auditLog, CheckInOutbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.followUps = followUps;
        this.followUpService = followUpService;
        this.clinics = clinics;
        this.patients = patients;
        this.addressees = addressees;
        this.auditLog = auditLog;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public LinkPage open(String token) {
        Optional<Link> link = find(token, false);
        link.ifPresent(l -> auditLog.recordFor(l.clinicId(), ACTOR, AuditLog.Action.READ, "follow_up", l.followUpId(), "check-in link opened"));
        return link.map(this::page).orElseGet(LinkPage::invalid);
    }

    /**
     * Records the patient's answers as today's check-in, decided by the same RecurrenceRule as a staff call. The link
     * row is locked first, so two submissions of one link record one check-in. Bad answers throw
     * IllegalArgumentException naming the field, and nothing is stored.
     */
    @Transactional
    public LinkPage answer(String token, CheckInAnswer answer) {
        Optional<Link> found = find(token, true);
        if (found.isEmpty()) {
            return LinkPage.invalid();
        }
        Link link = found.get();
        LinkPage page = page(link);
        if (page.state() != State.OPEN) {
            return page;
        }
        FollowUp followUp = followUps.findByIdAndClinicId(link.followUpId(), link.clinicId()).orElseThrow();
        followUpService.record(link.clinicId(), followUp, answer, null, CheckInChannel.EMAIL, link.dischargeDate(),
                () -> auditLog.recordFor(link.clinicId(), ACTOR, AuditLog.Action.UPDATE, "follow_up", link.followUpId(), "answered by link"),
                episodeId -> auditLog.recordFor(link.clinicId(), ACTOR, AuditLog.Action.CREATE, "recurrence", "episode:" + episodeId, "reported by link"));
        jdbc.sql("update check_in_link set used_at = ? where clinic_id = ? and id = ?")
                .params(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), link.clinicId(), link.id()).update();
        return new LinkPage(State.ANSWERED, page.clinicName(), page.firstName(), page.dischargeDate(), page.minDurationHours(),
                page.language());
    }

    /** The patient withdraws consent to check-in messages; works while the link is valid, answered or not. */
    @Transactional
    public LinkPage optOut(String token) {
        Optional<Link> found = find(token, true);
        if (found.isEmpty()) {
            return LinkPage.invalid();
        }
        Link link = found.get();
        patients.withdrawConsentByLink(link.clinicId(), link.patientId());
        int cancelled = outbox.cancelForPatient(link.clinicId(), link.patientId());
        if (cancelled > 0) {
            auditLog.recordFor(link.clinicId(), ACTOR, AuditLog.Action.UPDATE, "outbox_message", "patient:" + link.patientId(),
                    cancelled + " queued check-in message(s) cancelled at opt-out");
        }
        return page(link);
    }

    private LinkPage page(Link l) {
        int hours = clinics.settings(l.clinicId()).minDurationHours();
        State state = l.used() || !l.pending() ? State.ANSWERED : State.OPEN;
        return new LinkPage(state, l.clinicName(), l.firstName(), l.dischargeDate(), hours, l.language());
    }

    private Optional<Link> find(String token, boolean lock) {
        if (!CheckInLinks.wellFormed(token)) {
            return Optional.empty();
        }
        if (lock) {
            // Serializes concurrent submissions of one link (PostgreSQL and H2 both lock the row).
            jdbc.sql("select id from check_in_link where token_hash = ? for update").param(CheckInLinks.hash(token))
                    .query(Long.class).optional();
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        record Row(long id, long clinicId, long followUpId, long episodeId, OffsetDateTime expiresAt, boolean used,
                   boolean pending) {
        }
        Optional<Row> row = jdbc.sql("""
                        select l.id, l.clinic_id, l.follow_up_id, f.episode_id, l.expires_at, l.used_at, f.status
                        from check_in_link l
                        join follow_up f on f.id = l.follow_up_id and f.clinic_id = l.clinic_id
                        where l.token_hash = ?""")
                .param(CheckInLinks.hash(token))
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getObject(6) != null, FollowUpStatus.PENDING.name().equals(rs.getString(7))))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Row r = row.get();
        // whose check-in it is, and the clinic's name, from the modules that keep them
        return addressees.of(r.clinicId(), r.episodeId())
                .map(a -> new Link(r.id(), r.clinicId(), r.followUpId(), a.patient().patientId(), r.expiresAt(), r.used(), r.pending(),
                        a.patient().firstName(), a.clinicName(), a.patient().dischargeDate(), a.language()))
                .filter(l -> l.expiresAt().isAfter(now));
    }
}
