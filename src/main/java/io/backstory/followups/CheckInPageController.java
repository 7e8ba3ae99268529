package io.backstory.followups;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The public check-in page (DESIGN §9): plain server-rendered HTML without scripts, so it can have a strict
 * Content-Security-Policy and loads nothing but its own stylesheet. Phone-sized, every control labelled, usable by
 * keyboard. A wrong, used or expired token gets one calm page; clients that keep trying wrong tokens are throttled.
 */
@Controller
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class CheckInPageController {

    /** Nothing but this origin's stylesheet and form posts; no scripts at all. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final CheckInLinkService links;
    private final CheckInThrottle throttle;
    private final Clock clock;

    @GetMapping(value = "/check-in/{token}", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String show(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
        return throttled(token, links::open, request, response,
                (t, page) -> render(t, token, page, Map.of(), List.of(), request, response));
    }

    @PostMapping(value = "/check-in/{token}", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String answer(@PathVariable String token, @RequestParam Map<String, String> form, HttpServletRequest request,
                  HttpServletResponse response) {
        return throttled(token, links::open, request, response, (t, page) -> answer(t, token, page, form, request, response));
    }

    private String answer(CheckInTexts t, String token, CheckInLinkService.LinkPage page, Map<String, String> form,
                          HttpServletRequest request, HttpServletResponse response) {
        if (page.state() != CheckInLinkService.State.OPEN) {
            return render(t, token, page, form, List.of(), request, response);
        }
        List<String> errors = new ArrayList<>();
        CheckInAnswer answer = parse(form, page, t, errors);
        if (!errors.isEmpty() || answer == null) {
            response.setStatus(422);
            return form(t, token, page, form, errors);
        }
        try {
            CheckInLinkService.LinkPage after = links.answer(token, answer);
            if (after.state() == CheckInLinkService.State.ANSWERED) {
                return message(t, t.get("checkin.page.thanks.title"),
                        t.get("checkin.page.thanks.text", after.firstName(), after.clinicName()), after.clinicName());
            }
            return render(t, token, after, form, List.of(), request, response);
        } catch (IllegalArgumentException e) {
            response.setStatus(422);
            return form(t, token, page, form, List.of(io.backstory.base.UserFacingException.localized(e, t.locale())));
        } catch (org.springframework.dao.OptimisticLockingFailureException e) {
            return message(t, t.get("checkin.page.used.title"), t.get("checkin.page.used.text"), page.clinicName());
        }
    }

    @GetMapping(value = "/check-in/{token}/opt-out", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String confirmOptOut(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
        return throttled(token, links::open, request, response, (t, page) -> {
            if (page.state() == CheckInLinkService.State.INVALID) {
                return render(t, token, page, Map.of(), List.of(), request, response);
            }
            String body = "<p>" + esc(t.get("checkin.page.optOut.text", page.clinicName())) + "</p>"
                    + "<form method=\"post\"><button type=\"submit\">" + esc(t.get("checkin.page.optOut.confirm")) + "</button></form>";
            return html(t, t.get("checkin.page.optOut.title"), page.clinicName(), body);
        });
    }

    @PostMapping(value = "/check-in/{token}/opt-out", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String optOut(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
        return throttled(token, links::optOut, request, response, (t, page) -> page.state() == CheckInLinkService.State.INVALID
                ? render(t, token, page, Map.of(), List.of(), request, response)
                : message(t, t.get("checkin.page.optOut.title"), t.get("checkin.page.optOut.done"), page.clinicName()));
    }

    /** What a page does once the link is looked up, in the patient's language. */
    private interface LinkPageAnswer {
        String answer(CheckInTexts t, CheckInLinkService.LinkPage page);
    }

    /**
     * Every check-in request's common start: a client that kept trying wrong tokens gets 429 before any
     * lookup (so throttling also stops the guessing it is there for); otherwise the link is looked up
     * (opened, or opted out) and the page answered in the patient's language.
     */
    private String throttled(String token, java.util.function.Function<String, CheckInLinkService.LinkPage> lookup,
                             HttpServletRequest request, HttpServletResponse response, LinkPageAnswer then) {
        CheckInTexts t = texts(request, response);
        if (throttle.blocked(request.getRemoteAddr())) {
            response.setStatus(429);
            return message(t, t.get("checkin.page.invalid.title"), t.get("checkin.page.throttled.text"), "");
        }
        CheckInLinkService.LinkPage page = lookup.apply(token);
        return then.answer(t.forPatient(page.language()), page);
    }

    private String render(CheckInTexts t, String token, CheckInLinkService.LinkPage page, Map<String, String> form, List<String> errors,
                          HttpServletRequest request, HttpServletResponse response) {
        return switch (page.state()) {
            case OPEN -> form(t, token, page, form, errors);
            case ANSWERED -> message(t, t.get("checkin.page.used.title"), t.get("checkin.page.used.text"), page.clinicName());
            case INVALID -> {
                throttle.recordBad(request.getRemoteAddr());
                response.setStatus(404);
                yield message(t, t.get("checkin.page.invalid.title"), t.get("checkin.page.invalid.text"), "");
            }
        };
    }

    /** The answers, or null with the problems named by field (the form keeps what was entered). */
    private @Nullable CheckInAnswer parse(Map<String, String> form, CheckInLinkService.LinkPage page, CheckInTexts t,
                                          List<String> errors) {
        String returned = form.getOrDefault("returned", "");
        if (returned.equals("no")) {
            return CheckInAnswer.painFree();
        }
        if (!returned.equals("yes")) {
            errors.add(t.get("checkin.page.error.painReturned"));
            return null;
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate onset = null;
        try {
            onset = LocalDate.parse(form.getOrDefault("onset", ""));
        } catch (DateTimeParseException e) {
            // reported below
        }
        if (onset == null || onset.isBefore(page.dischargeDate()) || onset.isAfter(today)) {
            // The date as the patient reads it in their language ("3 Mar 2026", "3 mar 2026"), not ISO (issue 16).
            errors.add(t.get("checkin.page.error.onset", java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", t.locale()).format(page.dischargeDate())));
        }
        Integer worst = null;
        try {
            worst = Integer.valueOf(form.getOrDefault("worst", ""));
        } catch (NumberFormatException e) {
            // reported below
        }
        if (worst == null || worst < 0 || worst > 10) {
            errors.add(t.get("checkin.page.error.worst"));
        }
        Boolean lasted = yesNo(form.get("lasted"));
        if (lasted == null) {
            errors.add(t.get("checkin.page.error.lasted", page.minDurationHours()));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return CheckInAnswer.painReturned(onset, worst, lasted, yesNo(form.get("limited")), yesNo(form.get("sought")));
    }

    private static @Nullable Boolean yesNo(@Nullable String value) {
        return "yes".equals(value) ? Boolean.TRUE : "no".equals(value) ? Boolean.FALSE : null;
    }

    private String form(CheckInTexts t, String token, CheckInLinkService.LinkPage page, Map<String, String> form, List<String> errors) {
        StringBuilder b = new StringBuilder();
        b.append("<p>").append(esc(t.get("checkin.page.greeting", page.firstName()))).append("</p>");
        b.append("<p>").append(esc(t.get("checkin.page.intro", page.clinicName()))).append("</p>");
        if (!errors.isEmpty()) {
            b.append("<div class=\"errors\" role=\"alert\" id=\"errors\"><strong>").append(esc(t.get("checkin.page.errors")))
                    .append("</strong><ul>");
            errors.forEach(e -> b.append("<li>").append(esc(e)).append("</li>"));
            b.append("</ul></div>");
        }
        b.append("<form method=\"post\" novalidate>");
        b.append(yesNoField(t, "returned", t.get("checkin.page.painReturned"), form, "no", true));
        b.append("<p class=\"ifyes\">").append(esc(t.get("checkin.page.ifYes"))).append("</p>");
        LocalDate today = LocalDate.now(clock);
        b.append("<div class=\"field\"><label for=\"onset\">").append(esc(t.get("checkin.page.onset"))).append("</label>")
                .append("<input type=\"date\" id=\"onset\" name=\"onset\" min=\"").append(page.dischargeDate())
                .append("\" max=\"").append(today).append("\" value=\"").append(esc(form.getOrDefault("onset", ""))).append("\"></div>");
        b.append("<div class=\"field\"><label for=\"worst\">").append(esc(t.get("checkin.page.worst"))).append("</label>")
                .append("<select id=\"worst\" name=\"worst\"><option value=\"\"></option>");
        for (int i = 0; i <= 10; i++) {
            b.append("<option value=\"").append(i).append('"').append(String.valueOf(i).equals(form.get("worst")) ? " selected" : "")
                    .append('>').append(i).append("</option>");
        }
        b.append("</select></div>");
        b.append(yesNoField(t, "lasted", t.get("checkin.page.lasted", page.minDurationHours()), form, "yes", false));
        b.append(yesNoField(t, "limited", t.get("checkin.page.limited"), form, "yes", false));
        b.append(yesNoField(t, "sought", t.get("checkin.page.sought"), form, "yes", false));
        b.append("<button type=\"submit\">").append(esc(t.get("checkin.page.send"))).append("</button></form>");
        b.append("<p class=\"optout\"><a href=\"/check-in/").append(esc(token)).append("/opt-out\">")
                .append(esc(t.get("checkin.page.optOut"))).append("</a></p>");
        return html(t, t.get("checkin.page.title"), page.clinicName(), b.toString());
    }

    private static String yesNoField(CheckInTexts t, String name, String legend, Map<String, String> form, String first,
                                     boolean required) {
        StringBuilder b = new StringBuilder("<fieldset><legend>").append(esc(legend)).append("</legend>");
        String second = first.equals("no") ? "yes" : "no";
        for (String value : new String[] {first, second}) {
            String id = name + "-" + value;
            b.append("<label class=\"choice\" for=\"").append(id).append("\"><input type=\"radio\" id=\"").append(id)
                    .append("\" name=\"").append(name).append("\" value=\"").append(value).append('"')
                    .append(value.equals(form.get(name)) ? " checked" : "").append(required ? " required" : "").append('>')
                    .append(esc(t.get("checkin.page." + value))).append("</label>");
        }
        return b.append("</fieldset>").toString();
    }

    private static String message(CheckInTexts t, String title, String text, String clinicName) {
        return html(t, title, clinicName, "<p>" + esc(text) + "</p>");
    }

    private static String html(CheckInTexts t, String title, String clinicName, String body) {
        return "<!DOCTYPE html><html lang=\"" + t.locale().getLanguage() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + esc(title) + "</title>"
                + "<link rel=\"stylesheet\" href=\"/check-in.css\"></head><body><main>"
                + (clinicName.isEmpty() ? "" : "<p class=\"clinic\">" + esc(clinicName) + "</p>")
                + "<h1>" + esc(title) + "</h1>" + body + "</main></body></html>";
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s, "UTF-8");
    }

    /**
     * Strict CSP, no referrer (the token is in the URL), never cached; language from the browser until the link is
     * known, then the patient's own when the clinic recorded one ({@link CheckInTexts#forPatient}).
     */
    private static CheckInTexts texts(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setCharacterEncoding("UTF-8");
        Locale locale = request.getLocale() == null ? Locale.ENGLISH : request.getLocale();
        return CheckInTexts.of(locale);
    }
}
