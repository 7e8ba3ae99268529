package io.backstory.reports;

import io.backstory.analytics.Chronicity;
import io.backstory.analytics.StartBackRisk;
import java.time.LocalDate;
import java.util.Locale;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/reports/recurrence}: the analysis as the JSON of docs/analysis-json.md, with the
 * dashboard's filters as query parameters. HTTP Basic (SecurityConfig's /api chain); the service
 * refuses therapists (403) and audits the export. Errors are JSON (base.web.ApiErrors), a bad parameter named.
 */
@RestController
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class RecurrenceReportController {

    private final RecurrenceReportService reports;

    @GetMapping(value = "/api/reports/recurrence", produces = MediaType.APPLICATION_JSON_VALUE)
    String recurrence(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
                      @RequestParam(required = false) @Nullable Long location,
                      @RequestParam(required = false) @Nullable Long therapist,
                      @RequestParam(required = false) @Nullable String chronicity,
                      @RequestParam(required = false) @Nullable String startback,
                      @RequestParam(required = false) @Nullable Integer horizon) {
        ReportFilter.checkDate("from", from);
        ReportFilter.checkDate("to", to);
        ReportFilter filter = new ReportFilter(from, to, location, therapist,
                chronicity == null ? null : parse(Chronicity.class, "chronicity", chronicity),
                startback == null ? null : parse(StartBackRisk.class, "startback", startback), horizon);
        return reports.exportJson(filter);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": unknown value '" + value + "'");
        }
    }
}
