package io.backstory.followups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.ClinicalFixture;
import io.backstory.SignedIn;
import io.backstory.analytics.Chronicity;
import io.backstory.analytics.Sex;
import io.backstory.clinic.ClinicService;
import io.backstory.patients.DischargeReason;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.patients.PatientCommand;
import io.backstory.patients.PatientService;
import io.backstory.patients.PatientSummary;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@CheckInTest
class CheckInOutboxTest {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    @RegisterExtension final SignedIn signedIn = SignedIn.as("therapist");
    @Autowired ClinicalFixture fixture;
    @Autowired PatientService patients;
    @Autowired ClinicService clinics;
    @Autowired EpisodeService episodes;
    @Autowired FollowUpService followUps;
    @Autowired FollowUpReadModels readModels;
    @Autowired CheckInOutbox outbox;
    @Autowired CheckInLinkService links;
    @Autowired CheckInTestConfig.MutableClock clock;
    @Autowired SmtpSink smtp;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void reset() {
        smtp.failNext(0);
    }

    private record Discharged(PatientSummary patient, EpisodeSummary episode, String email) {
    }

    private Discharged discharged(boolean consent, boolean withEmail) {
        int n = COUNTER.incrementAndGet();
        String email = "check-in-" + n + "-" + System.nanoTime() + "@example.test";
        PatientSummary patient = patients.create(new PatientCommand("Rosa", "Linkpatient" + n, LocalDate.of(1968, 3, 2), Sex.F,
                null, withEmail ? email : null, consent));
        LocalDate today = LocalDate.now(clock);
        EpisodeSummary episode = fixture.episode(patient, today.minusDays(40), Chronicity.ACUTE);
        episode = episodes.discharge(episode.id(), today, DischargeReason.GOALS_MET);
        return new Discharged(patient, episode, email);
    }

    /** To the day of the first (1-month) check-in. */
    private void toFirstCheckIn(Discharged d) {
        LocalDate due = d.episode().dischargeDate().plusMonths(1);
        clock.advanceTo(due);
        clock.advance(Duration.ofHours(1));
    }

    /** A consenting patient with an email, discharged today, whose first check-in invitation the job has sent. */
    private Discharged invited() {
        Discharged d = discharged(true, true);
        toFirstCheckIn(d);
        run();
        return d;
    }

    private void run() {
        signedIn.signOut();
        outbox.runOnce();
        signedIn.signInAs("therapist");
    }

    private List<String> statuses(String email) {
        return jdbc.sql("select kind || ':' || status from outbox_message where recipient = ? order by id").param(email)
                .query(String.class).list();
    }

    @Test
    void shouldEmailAConsentingPatientOnceWhenTheFirstCheckInFallsDue() {
        Discharged d = discharged(true, true);
        run();
        assertThat(smtp.to(d.email())).isEmpty();

        toFirstCheckIn(d);
        run();
        run();

        assertThat(smtp.to(d.email())).hasSize(1);
        SmtpSink.Message message = smtp.to(d.email()).getFirst();
        assertThat(message.data()).contains("Rosa").doesNotContain("Linkpatient");
        assertThat(message.link()).doesNotContain(String.valueOf(d.episode().id()));
        assertThat(statuses(d.email())).containsExactly("INVITATION:SENT");
        // Delivered: the personal link is no longer kept in the outbox, and only its hash is in check_in_link.
        assertThat(jdbc.sql("select count(*) from outbox_message where recipient = ? and (link is not null or body is not null)")
                .param(d.email()).query(Long.class).single()).isZero();
        String token = message.link().substring(message.link().lastIndexOf('/') + 1);
        assertThat(jdbc.sql("select count(*) from check_in_link where token_hash = ?").param(CheckInLinks.hash(token))
                .query(Long.class).single()).isOne();
        assertThat(jdbc.sql("select count(*) from check_in_link where token_hash = ?").param(token).query(Long.class).single()).isZero();
    }

    /** Issue 16, as on the link page: the clinic's default language, unless the patient has one of their own. */
    @Test
    void shouldWriteTheInvitationInTheClinicsDefaultLanguageUnlessThePatientHasOne() {
        Discharged clinicDefault = discharged(true, true);
        Discharged ownLanguage = discharged(true, true);
        patients.changeLanguage(ownLanguage.patient().id(), "en");
        signedIn.signInAs("admin");
        clinics.changeDefaultLanguage("es");
        try {
            toFirstCheckIn(clinicDefault);
            run();
            assertThat(subjects(clinicDefault.email())).singleElement().asString().startsWith("Una pregunta breve de ");
            assertThat(subjects(ownLanguage.email())).singleElement().asString().startsWith("A quick question from ");
        } finally {
            signedIn.signInAs("admin");
            clinics.changeDefaultLanguage(null);
            signedIn.signInAs("therapist");
        }
    }

    private List<String> subjects(String email) {
        return jdbc.sql("select subject from outbox_message where recipient = ? order by id").param(email).query(String.class).list();
    }

    @Test
    void shouldNotEmailAPatientWithoutConsentOrAddress() {
        Discharged noConsent = discharged(false, true);
        discharged(true, false);
        toFirstCheckIn(noConsent);
        run();
        assertThat(smtp.to(noConsent.email())).isEmpty();
        assertThat(jdbc.sql("select count(*) from outbox_message o join follow_up f on f.id = o.follow_up_id "
                        + "where f.episode_id = ?").param(noConsent.episode().id()).query(Long.class).single()).isZero();
    }

    @Test
    void shouldRemindAfterThreeAndSevenDaysThenPutTheCheckInOnTheWorklistAsNoReply() {
        Discharged d = invited();
        assertThat(worklistRow(d)).as("off the worklist while the email chase runs").isNull();

        clock.advance(Duration.ofDays(3));
        run();
        assertThat(statuses(d.email())).containsExactly("INVITATION:SENT", "REMINDER_1:SENT");
        clock.advance(Duration.ofDays(4));
        run();
        run();
        assertThat(statuses(d.email())).containsExactly("INVITATION:SENT", "REMINDER_1:SENT", "REMINDER_2:SENT");
        List<String> linksSent = smtp.to(d.email()).stream().map(SmtpSink.Message::link).toList();
        assertThat(linksSent).hasSize(3).doesNotHaveDuplicates();
        assertThat(worklistRow(d)).isNull();

        clock.advance(Duration.ofDays(3));
        run();
        FollowUpDue row = worklistRow(d);
        assertThat(row).isNotNull();
        assertThat(row.noReplyToEmail()).isTrue();
        assertThat(smtp.to(d.email())).hasSize(3);

        // A staff call records it as today, by the same rule; the channel says so.
        CheckInResult result = followUps.recordCheckIn(row.id(), row.version(), CheckInAnswer.painFree(), null);
        assertThat(result.followUp().completedOn()).isEqualTo(LocalDate.now(clock));
        assertThat(jdbc.sql("select channel from follow_up where id = ?").param(row.id()).query(String.class).single()).isEqualTo("CALL");
        // Its links are now spent: any of them says "already answered".
        String token = linksSent.getFirst().substring(linksSent.getFirst().lastIndexOf('/') + 1);
        assertThat(links.open(token).state()).isEqualTo(CheckInLinkService.State.ANSWERED);
    }

    private FollowUpDue worklistRow(Discharged d) {
        return readModels.due(0, 100_000).stream().filter(r -> r.episodeId() == d.episode().id() && r.monthsAfter() == 1)
                .findFirst().orElse(null);
    }

    @Test
    void shouldRetryWithBackOffAndFailForGoodAfterTheLastAttempt() {
        Discharged d = discharged(true, true);
        toFirstCheckIn(d);
        smtp.failNext(1_000_000);
        run();
        assertThat(statuses(d.email())).containsExactly("INVITATION:PENDING");
        assertThat(jdbc.sql("select attempts from outbox_message where recipient = ?").param(d.email()).query(Integer.class).single()).isOne();
        run();
        assertThat(jdbc.sql("select attempts from outbox_message where recipient = ?").param(d.email()).query(Integer.class).single())
                .as("not retried before its back-off").isOne();

        clock.advance(CheckInOutbox.backOff(1).plusSeconds(5));
        run();
        clock.advance(CheckInOutbox.backOff(2).plusSeconds(5));
        run();

        assertThat(statuses(d.email())).containsExactly("INVITATION:FAILED");
        assertThat(jdbc.sql("select last_error from outbox_message where recipient = ?").param(d.email()).query(String.class).single())
                .contains("451");
        assertThat(smtp.to(d.email())).isEmpty();
        // A failed invitation holds nothing back: the check-in is on the staff worklist, not marked as no reply.
        FollowUpDue row = worklistRow(d);
        assertThat(row).isNotNull();
        assertThat(row.noReplyToEmail()).isFalse();
        // The admin sees it among the permanent failures.
        signedIn.signInAs("admin");
        assertThat(readModels.outboxMessages(true, 0, 1000)).anyMatch(m -> m.recipient().equals(d.email()) && m.status() == OutboxStatus.FAILED);
    }

    @Test
    void shouldGrowTheBackOffFourfoldUpToSixHours() {
        assertThat(CheckInOutbox.backOff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(CheckInOutbox.backOff(2)).isEqualTo(Duration.ofMinutes(4));
        assertThat(CheckInOutbox.backOff(3)).isEqualTo(Duration.ofMinutes(16));
        assertThat(CheckInOutbox.backOff(10)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void shouldRecordAnAnswerByLinkWithTheStaffRuleAndRefuseTheLinkAfterwards() {
        Discharged d = invited();
        String token = token(d);
        assertThat(links.open(token)).satisfies(p -> {
            assertThat(p.state()).isEqualTo(CheckInLinkService.State.OPEN);
            assertThat(p.firstName()).isEqualTo("Rosa");
        });
        LocalDate discharge = d.episode().dischargeDate();
        clock.advanceTo(discharge.plusDays(44));
        signedIn.signOut();

        CheckInLinkService.LinkPage after = links.answer(token,
                CheckInAnswer.painReturned(discharge.plusDays(40), 6, true, true, false));

        assertThat(after.state()).isEqualTo(CheckInLinkService.State.ANSWERED);
        assertThat(links.answer(token, CheckInAnswer.painFree()).state()).isEqualTo(CheckInLinkService.State.ANSWERED);
        signedIn.signInAs("therapist");
        RecurrenceSummary recurrence = followUps.recurrence(d.episode().id()).orElseThrow();
        assertThat(recurrence.onsetDate()).isEqualTo(discharge.plusDays(40));
        assertThat(recurrence.intensity()).isEqualTo(6);
        assertThat(jdbc.sql("select channel || ':' || outcome from follow_up where episode_id = ? and months_after = 1")
                .param(d.episode().id()).query(String.class).single()).isEqualTo("EMAIL:RECURRENCE");
        assertThat(jdbc.sql("select count(*) from audit_event where username = 'patient-link' and action = 'UPDATE' "
                + "and entity = 'follow_up' and clinic_id is not null").query(Long.class).single()).isPositive();
    }

    @Test
    void shouldKeepAnswersThatTheRuleRefusesFromBeingStored() {
        Discharged d = invited();
        String token = token(d);
        signedIn.signOut();
        assertThatThrownBy(() -> links.answer(token, CheckInAnswer.painReturned(d.episode().dischargeDate().minusDays(3), 6, true, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Date the pain returned");
        assertThat(links.open(token).state()).isEqualTo(CheckInLinkService.State.OPEN);
    }

    @Test
    void shouldRefuseWrongAndExpiredTokensAlike() {
        assertThat(links.open("x".repeat(43)).state()).isEqualTo(CheckInLinkService.State.INVALID);
        assertThat(links.open("not-a-token").state()).isEqualTo(CheckInLinkService.State.INVALID);
        Discharged d = invited();
        String token = token(d);
        clock.advance(CheckInLinks.VALIDITY.plusMinutes(1));
        assertThat(links.open(token).state()).isEqualTo(CheckInLinkService.State.INVALID);
    }

    @Test
    void shouldRecordConsentWithdrawalAndSendNoReminders() {
        Discharged d = invited();
        String token = token(d);
        signedIn.signOut();
        links.optOut(token);
        signedIn.signInAs("therapist");
        assertThat(patients.get(d.patient().id()).consentToFollowUp()).isFalse();
        assertThat(jdbc.sql("select count(*) from audit_event where username = 'patient-link' and entity = 'patient' and entity_id = ?")
                .param(String.valueOf(d.patient().id())).query(Long.class).single()).isOne();
        clock.advance(Duration.ofDays(8));
        run();
        assertThat(statuses(d.email())).containsExactly("INVITATION:SENT");
    }

    /**
     * A reminder already queued (its first attempt failed, so it waits for a retry) when the patient opts out is
     * cancelled at once and never sent, however long the job keeps running.
     */
    @Test
    void shouldCancelAlreadyQueuedMessagesWhenThePatientOptsOut() {
        Discharged d = invited();
        clock.advance(Duration.ofDays(3));
        smtp.failNext(1_000_000); // the SMTP server refuses for now: the reminder waits for its retry
        run();
        smtp.failNext(0);
        assertThat(statuses(d.email())).containsExactly("INVITATION:SENT", "REMINDER_1:PENDING");

        signedIn.signOut();
        links.optOut(token(d));

        assertThat(statuses(d.email())).containsExactly("INVITATION:SENT", "REMINDER_1:CANCELED");
        assertThat(jdbc.sql("select last_error from outbox_message where recipient = ? and kind = 'REMINDER_1'").param(d.email())
                .query(String.class).single()).contains("opted out");
        assertThat(jdbc.sql("select count(*) from outbox_message where recipient = ? and kind = 'REMINDER_1' and (body is not null or link is not null)")
                .param(d.email()).query(Long.class).single()).as("the cancelled message's link is not kept").isZero();
        assertThat(jdbc.sql("select count(*) from audit_event where username = 'patient-link' and entity = 'outbox_message' and entity_id = ?")
                .param("patient:" + d.patient().id()).query(Long.class).single()).isOne();

        clock.advance(CheckInOutbox.backOff(1).plusSeconds(5));
        run();
        clock.advance(Duration.ofDays(5));
        run();
        assertThat(smtp.to(d.email())).as("only the invitation, sent before the opt-out").hasSize(1);
        assertThat(statuses(d.email())).containsExactly("INVITATION:SENT", "REMINDER_1:CANCELED");
    }

    /**
     * Consent is checked again when a message is sent, whatever withdrew it (here a change straight in the database,
     * as an import or another node could make it between queueing and sending), and a check-in completed by a staff
     * call in between is not chased either.
     */
    @Test
    void shouldCheckConsentAndTheCheckInAgainWhenSending() {
        Discharged optedOut = discharged(true, true);
        Discharged called = discharged(true, true);
        Discharged stillWanted = discharged(true, true);
        toFirstCheckIn(optedOut);
        signedIn.signOut();
        outbox.enqueueDue();
        signedIn.signInAs("therapist");
        assertThat(statuses(optedOut.email())).containsExactly("INVITATION:PENDING");
        assertThat(statuses(called.email())).containsExactly("INVITATION:PENDING");

        jdbc.sql("update patient set consent_follow_up = false where id = ?").param(optedOut.patient().id()).update();
        FollowUpSummary due = followUps.forEpisode(called.episode().id()).stream().filter(f -> f.monthsAfter() == 1).findFirst().orElseThrow();
        followUps.recordCheckIn(due.id(), due.version(), CheckInAnswer.painFree(), null);
        run();

        assertThat(statuses(optedOut.email())).containsExactly("INVITATION:CANCELED");
        assertThat(statuses(called.email())).containsExactly("INVITATION:CANCELED");
        assertThat(statuses(stillWanted.email())).containsExactly("INVITATION:SENT");
        assertThat(smtp.to(optedOut.email())).isEmpty();
        assertThat(smtp.to(called.email())).isEmpty();
        assertThat(jdbc.sql("select last_error from outbox_message where recipient = ?").param(called.email()).query(String.class).single())
                .contains("already completed");
        signedIn.signInAs("admin");
        assertThat(readModels.outboxMessages(false, 0, 1000)).anyMatch(m -> m.recipient().equals(optedOut.email()) && m.status() == OutboxStatus.CANCELED);
    }

    private String token(Discharged d) {
        String link = smtp.to(d.email()).getFirst().link();
        return link.substring(link.lastIndexOf('/') + 1);
    }
}
