package io.backstory.followups;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.ClinicalFixture;
import io.backstory.SignedIn;
import io.backstory.analytics.Chronicity;
import io.backstory.analytics.Sex;
import io.backstory.clinic.ClinicService;
import io.backstory.patients.PatientCommand;
import io.backstory.patients.PatientService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The public page over HTTP, as a patient's phone gets it: no session, strict CSP, answers kept on a mistake. */
@CheckInTest
class CheckInPageTest {

    @LocalServerPort int port;
    @RegisterExtension final SignedIn signedIn = SignedIn.outAfterEach();
    @Autowired ClinicalFixture fixture;
    @Autowired PatientService patients;
    @Autowired CheckInTestConfig.FirstCheckIn firstCheckIn;
    @Autowired ClinicService clinics;
    @Autowired Clock clock;

    private final HttpClient http = HttpClient.newHttpClient();

    private String linkPath() {
        return linkPath(id -> { });
    }

    /** A link to a new patient's 1-month check-in; {@code beforeSending} may change the patient before the email goes. */
    private String linkPath(java.util.function.LongConsumer beforeSending) {
        signedIn.signInAs("therapist");
        String email = "page-" + System.nanoTime() + "@example.test";
        var patient = patients.create(new PatientCommand("Marta", "Hiddensurname", LocalDate.of(1980, 1, 1), Sex.F, null, email, true));
        LocalDate today = LocalDate.now(clock);
        fixture.discharged(patient, today.minusDays(30), today, Chronicity.ACUTE);
        beforeSending.accept(patient.id());
        signedIn.signOut();
        return firstCheckIn.sent(today, email).getFirst().linkPath();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeThePatientPageWithoutLoginSessionOrThirdPartyContent() throws Exception {
        HttpResponse<String> page = get(linkPath());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(CheckInPageController.CONTENT_SECURITY_POLICY);
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(page.body()).contains("Marta").doesNotContain("Hiddensurname").doesNotContain("<script")
                .contains("<label for=\"onset\">").contains("<label for=\"worst\">").contains("<legend>")
                .doesNotContainPattern("(src|href)=\"https?://");
        assertThat(get("/check-in.css").statusCode()).isEqualTo(200);
    }

    /** Issue 16: a patient without a language gets the clinic's default; one recorded after creation wins over it. */
    @Test
    void shouldSpeakTheClinicsDefaultLanguageUnlessThePatientHasOne() throws Exception {
        signedIn.signInAs("admin");
        clinics.changeDefaultLanguage("es");
        try {
            HttpResponse<String> spanish = get(linkPath());
            assertThat(spanish.body()).contains("<html lang=\"es\">").contains("Enviar mis respuestas");

            HttpResponse<String> english = get(linkPath(patientId -> patients.changeLanguage(patientId, "en")));
            assertThat(english.body()).contains("<html lang=\"en\">").contains("Send my answers");
        } finally {
            signedIn.signInAs("admin");
            clinics.changeDefaultLanguage(null);
            signedIn.signOut();
        }
    }

    @Test
    void shouldKeepWhatWasEnteredAndNameTheFieldWhenAnAnswerIsMissing() throws Exception {
        String path = linkPath();
        HttpResponse<String> refused = post(path, "returned=yes&worst=6&lasted=yes");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("When did it come back: please give a date between")
                .contains("<option value=\"6\" selected>").contains("id=\"returned-yes\" name=\"returned\" value=\"yes\" checked");
        assertThat(get(path).body()).as("nothing was recorded").contains("Send my answers");
    }

    @Test
    void shouldThankThePatientOnceAndSayAlreadyAnsweredAfterwards() throws Exception {
        String path = linkPath();
        HttpResponse<String> thanks = post(path, "returned=no");
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains("Thank you, Marta");

        assertThat(get(path).body()).contains("Already answered").doesNotContain("Send my answers");
        assertThat(post(path, "returned=no").body()).contains("Already answered");
    }

    @Test
    void shouldAnswerAWrongTokenWithOneCalmPage() throws Exception {
        HttpResponse<String> wrong = get("/check-in/" + "A".repeat(43));
        assertThat(wrong.statusCode()).isEqualTo(404);
        assertThat(wrong.body()).contains("This link cannot be used").doesNotContain("Exception");
        assertThat(get("/check-in/short").body()).isEqualTo(wrong.body());
    }

    /**
     * A client that used ten bad tokens is refused (429) even with a good link, whichever node it reaches: the count
     * is in the database (CheckInThrottleTest plays two nodes). The client plays an address of its own through the
     * trusted test proxy.
     */
    @Test
    void shouldRefuseAClientAfterTenWrongTokensEvenWithAGoodLink() throws Exception {
        String path = linkPath();
        String address = "192.0.2." + (System.nanoTime() % 250 + 1);
        for (int i = 0; i < CheckInThrottle.MAX_BAD; i++) {
            assertThat(getFrom(address, "/check-in/" + (i + "B").repeat(43).substring(0, 43)).statusCode()).isEqualTo(404);
        }
        HttpResponse<String> refused = getFrom(address, path);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).doesNotContain("Marta");
        assertThat(get(path).statusCode()).as("another client").isEqualTo(200);
    }

    private HttpResponse<String> getFrom(String address, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("X-Forwarded-For", address).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
