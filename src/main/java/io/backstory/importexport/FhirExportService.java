package io.backstory.importexport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The FHIR R4 bulk export (DESIGN §10): one NDJSON file per resource type (the Bulk Data Access IG's
 * format), zipped. Rows stream from the owning modules' bulk APIs and each resource is written as soon
 * as it is built, so a clinic of millions of visits never sits in memory. Admins and owners only; audited.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class FhirExportService {

    private static final String SUFFIX = ".ndjson";

    private final ClinicExports exports;

    /**
     * Writes the zip to {@code out} (left open) and returns how many resources of each type it holds. One snapshot
     * (repeatable read) for all files: the episodes read first name the patient of every later resource.
     */
    @Transactional(isolation = Isolation.REPEATABLE_READ)
    public Map<String, Integer> export(OutputStream out) {
        ClinicExports.ClinicRows rows = exports.start("fhir_bulk", "FHIR R4 NDJSON");
        long clinicId = rows.clinicId();
        ClinicExports.Readers read = rows.read();
        IParser parser = FhirResources.context().newJsonParser().setPrettyPrint(false);
        PatientOfEpisode episodes = new PatientOfEpisode();
        Map<String, ClinicExports.ExportFile> files = new LinkedHashMap<>();
        files.put("Patient" + SUFFIX, w -> count(n -> read.patients().forEachPatient(clinicId, p -> n[0] += line(w, parser, FhirResources.patient(p)))));
        files.put("EpisodeOfCare" + SUFFIX, w -> count(n -> read.patients().forEachEpisode(clinicId, e -> {
            episodes.add(e.id(), e.patientId());
            n[0] += line(w, parser, FhirResources.episodeOfCare(e));
        })));
        files.put("Encounter" + SUFFIX, w -> count(n -> read.visits().forEachVisit(clinicId,
                v -> n[0] += line(w, parser, FhirResources.encounter(v, episodes.patientOf(v.episodeId()))))));
        files.put("Procedure" + SUFFIX, w -> count(n -> read.visits().forEachVisitFactor(clinicId,
                f -> n[0] += line(w, parser, FhirResources.procedure(f, episodes.patientOf(f.episodeId()))))));
        // Scores from the measures, then the NPRS logged at each visit.
        files.put("Observation" + SUFFIX, w -> count(n -> {
            read.measures().forEachMeasure(clinicId, m -> {
                for (IBaseResource r : FhirResources.measure(m, episodes.patientOf(m.episodeId()))) {
                    n[0] += line(w, parser, r);
                }
            });
            read.visits().forEachVisit(clinicId, v -> {
                Integer nprs = v.nprs();
                if (nprs != null) {
                    n[0] += line(w, parser, FhirResources.visitNprs(v, nprs, episodes.patientOf(v.episodeId())));
                }
            });
        }));
        files.put("Condition" + SUFFIX, w -> count(n -> read.followUps().forEachRecurrence(clinicId,
                r -> n[0] += line(w, parser, FhirResources.condition(r, episodes.patientOf(r.episodeId()))))));
        Map<String, Integer> counts = new LinkedHashMap<>();
        ClinicExports.zip(out, files).forEach((file, n) -> counts.put(file.substring(0, file.length() - SUFFIX.length()), n));
        return counts;
    }

    /** Runs a file's writes with a counter they add to; returns the count. */
    private static int count(java.util.function.Consumer<int[]> writes) {
        int[] n = {0};
        writes.accept(n);
        return n[0];
    }

    private static int line(Writer writer, IParser parser, IBaseResource resource) {
        try {
            writer.write(parser.encodeResourceToString(resource));
            writer.write('\n');
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared FHIR context (thread-safe, expensive to build: it scans the R4 model once). */
    static FhirContext context() {
        return FhirResources.context();
    }
}
