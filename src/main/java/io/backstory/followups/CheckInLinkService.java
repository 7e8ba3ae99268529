package io.backstory.followups;

import io.backstory.patients.PatientService;
import io.backstory.security.AuditLog;
import java.time.LocalDate;
import java.util.Optional;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a patient can do with a check-in link, without signing in (DESIGN §9): see whose check-in it is (the clinic's
 * name and their first name, nothing else), answer it once, or opt out of the messages. The token is the only
 * credential; every use is audited under the actor {@value #ACTOR}.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
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

    /** A valid link with whom its check-in speaks to. */
    private record Link(CheckInLinks.Stored stored, CheckInAddressees.Addressee addressee) {
        long clinicId() {
            return stored.clinicId();
        }

        long followUpId() {
            return stored.followUpId();
        }

        long patientId() {
            return addressee.patient().patientId();
        }
    }

    private final CheckInLinks links;
    private final FollowUpRepository followUps;
    private final RecurrenceRecorder recorder;
    private final PatientService patients;
    private final CheckInAddressees addressees;
    private final AuditLog auditLog;
    private final CheckInOutbox outbox;

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
        recorder.record(followUp, answer, null, CheckInChannel.EMAIL, page.dischargeDate(),
                () -> auditLog.recordFor(link.clinicId(), ACTOR, AuditLog.Action.UPDATE, "follow_up", link.followUpId(), "answered by link"),
                episodeId -> auditLog.recordFor(link.clinicId(), ACTOR, AuditLog.Action.CREATE, "recurrence", "episode:" + episodeId, "reported by link"));
        links.markUsed(link.stored());
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
        // the form asks whether the pain lasted as long as the clinic's definition of a recurrence requires
        int hours = recorder.definition(l.clinicId()).minDurationHours();
        State state = l.stored().used() || !l.stored().pending() ? State.ANSWERED : State.OPEN;
        CheckInAddressees.Addressee a = l.addressee();
        return new LinkPage(state, a.clinicName(), a.patient().firstName(), a.patient().dischargeDate(), hours, a.language());
    }

    /** The valid link of the token, with whose check-in it is and the clinic's name, from the modules that keep them. */
    private Optional<Link> find(String token, boolean lock) {
        return links.find(token, lock).flatMap(stored -> addressees.of(stored.clinicId(), stored.episodeId())
                .map(addressee -> new Link(stored, addressee)));
    }
}
