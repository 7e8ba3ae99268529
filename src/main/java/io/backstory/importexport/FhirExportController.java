package io.backstory.importexport;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/export/fhir}: the clinic's FHIR R4 bulk export as a zip of NDJSON files, streamed to the
 * response. HTTP Basic (SecurityConfig's /api chain); the service refuses therapists and audits the export.
 */
@RestController
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class FhirExportController {

    private final FhirExportService export;
    private final Clock clock;

    @GetMapping("/api/export/fhir")
    void fhir(HttpServletResponse response) throws IOException {
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\"backstory-fhir-" + LocalDate.now(clock) + ".zip\"");
        export.export(response.getOutputStream());
        response.flushBuffer();
    }
}
