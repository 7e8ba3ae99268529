package io.backstory.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The second step of signing in. In the browser: after a right password ({@link SecondFactorGate}) the sign-in is
 * parked as a {@link PendingSignIn}; on the code and enrolment pages a right code completes it with a new session
 * id, as the password step did (session fixation, ASVS 3.2.1). On the report API: the code comes with each request
 * ({@link ApiSecondFactorFilter}). Both ask {@link SecondFactorService#nextStep} and throttle wrong codes alike.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class SignInFlow {

    private final SecondFactorService factors;
    private final UserAccountService accounts;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    static final String CODE_PAGE = "/sign-in/code";
    static final String ENROL_PAGE = "/sign-in/authenticator";

    /**
     * After a right password in the browser ({@link SecondFactorGate}). Without a second factor to check, the sign-in
     * is complete and recorded: empty. Otherwise the authentication is parked in the session as a
     * {@link PendingSignIn}, the browser stays anonymous, and the page to go on to is returned: the code page, or for
     * an owner or admin without an authenticator, setting one up first.
     */
    Optional<String> afterPassword(HttpServletRequest request, Authentication authentication, BackstoryUser user) {
        SecondFactorService.Step step = factors.nextStep(user);
        if (step == SecondFactorService.Step.NONE) {
            accounts.recordSignIn(user.userId());
            return Optional.empty();
        }
        boolean enrolled = step == SecondFactorService.Step.CODE;
        SecurityContextHolder.clearContext();
        request.getSession().removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        request.getSession().setAttribute(PendingSignIn.ATTRIBUTE, new PendingSignIn(authentication, user, !enrolled, clock.instant()));
        return Optional.of(enrolled ? CODE_PAGE : ENROL_PAGE);
    }

    /** The API's second factor for one request ({@link ApiSecondFactorFilter}): through, or why not. */
    enum ApiCode {
        /** No authenticator and the role needs none, or the code was right: through. */
        THROUGH,
        /** The role needs an authenticator and none is set up yet. */
        ENROL_FIRST,
        /** An authenticator is set up and no code was sent. */
        MISSING,
        /** The code was wrong, expired or already used. */
        WRONG
    }

    /**
     * The API's form of the second step, all in one request (no session to park a sign-in in): the authenticator's
     * current code only, each code once. A wrong code counts in the sign-in throttle like a wrong password, as on
     * the code page; a right one clears it.
     */
    ApiCode checkApiCode(BackstoryUser user, @Nullable String code, String client) {
        SecondFactorService.Step step = factors.nextStep(user);
        if (step == SecondFactorService.Step.NONE) {
            return ApiCode.THROUGH;
        }
        if (step == SecondFactorService.Step.ENROL) {
            return ApiCode.ENROL_FIRST;
        }
        if (code == null || code.isBlank()) {
            return ApiCode.MISSING;
        }
        if (!factors.verifyAuthenticatorCode(user, code)) {
            throttle.failed(client, user.getUsername(), LoginThrottle.Step.SECOND_FACTOR);
            return ApiCode.WRONG;
        }
        throttle.cleared(user.getUsername());
        return ApiCode.THROUGH;
    }

    /** What the second-step pages show: whose sign-in this is and whether an authenticator must be set up first. */
    public record Pending(String displayName, String username, boolean mustEnrol) {
    }

    public Optional<Pending> pending() {
        return current().map(p -> new Pending(p.user.displayName(), p.user.getUsername(), p.mustEnrol));
    }

    /** The secret to show at enrolment; the same one until it is confirmed, so a page reload shows the same QR code. */
    public SecondFactorService.Enrolment enrolment() {
        PendingSignIn pending = current().orElseThrow(SignInFlow::expired);
        SecondFactorService.Enrolment enrolment = factors.newEnrolment(pending.user.getUsername());
        if (pending.enrolmentSecret() == null) {
            pending.enrolmentSecret(enrolment.secret());
            return enrolment;
        }
        return new SecondFactorService.Enrolment(pending.enrolmentSecret(),
                enrolment.otpauthUri().replace(enrolment.secret(), pending.enrolmentSecret()));
    }

    /** Confirms the new authenticator with a code from it; returns the recovery codes to show once. */
    public List<String> confirmEnrolment(String code) {
        PendingSignIn pending = current().orElseThrow(SignInFlow::expired);
        if (pending.enrolmentSecret() == null) {
            throw expired();
        }
        try {
            List<String> codes = factors.confirm(pending.user, pending.enrolmentSecret(), code);
            pending.verified();
            return codes;
        } catch (IllegalArgumentException wrong) {
            pending.failed();
            throw wrong;
        }
    }

    /**
     * True when the code (or a recovery code) is right; the sign-in can then be completed. The code is
     * throttled like the password: a wrong one counts for the client and the account, and while either
     * must wait no code is checked ({@link LoginThrottledException}), so a right password does not buy
     * unlimited guesses at six digits.
     */
    public boolean verify(String code) {
        PendingSignIn pending = current().orElseThrow(SignInFlow::expired);
        String client = clientAddress();
        Optional<java.time.Duration> wait = throttle.wait(client, pending.user.getUsername());
        if (wait.isPresent()) {
            throttle.refused(pending.user.getUsername(), wait.get());
            throw new LoginThrottledException(wait.get());
        }
        if (factors.verify(pending.user, code)) {
            pending.verified();
            return true;
        }
        pending.failed();
        throttle.failed(client, pending.user.getUsername(), LoginThrottle.Step.SECOND_FACTOR);
        return false;
    }

    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return "unknown";
    }

    /** Puts the verified sign-in into the security context of a fresh session id. */
    public void complete() {
        PendingSignIn pending = current().orElseThrow(SignInFlow::expired);
        if (!pending.isVerified()) {
            throw new IllegalStateException("The second factor has not been verified");
        }
        ServletRequestAttributes attributes = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
        HttpServletRequest request = attributes.getRequest();
        HttpServletResponse response = attributes.getResponse();
        HttpSession session = request.getSession();
        session.removeAttribute(PendingSignIn.ATTRIBUTE);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(pending.authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        request.changeSessionId();
        accounts.recordSignIn(pending.user.userId());
        throttle.cleared(pending.user.getUsername());
    }

    /** Back to the password (the "use another account" link, or too many wrong codes). */
    public void cancel() {
        session().ifPresent(s -> s.removeAttribute(PendingSignIn.ATTRIBUTE));
    }

    private Optional<PendingSignIn> current() {
        Optional<HttpSession> session = session();
        if (session.isEmpty() || !(session.get().getAttribute(PendingSignIn.ATTRIBUTE) instanceof PendingSignIn pending)) {
            return Optional.empty();
        }
        if (pending.expiredAt(clock.instant())) {
            session.get().removeAttribute(PendingSignIn.ATTRIBUTE);
            return Optional.empty();
        }
        return Optional.of(pending);
    }

    private static Optional<HttpSession> session() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return Optional.ofNullable(attributes.getRequest().getSession(false));
        }
        return Optional.empty();
    }

    private static IllegalStateException expired() {
        return new SignInExpiredException();
    }

    /** The half-finished sign-in is gone (too slow, too many wrong codes): start again with the password. */
    public static final class SignInExpiredException extends IllegalStateException {
        SignInExpiredException() {
            super("The sign-in has expired; sign in with your password again");
        }
    }
}
