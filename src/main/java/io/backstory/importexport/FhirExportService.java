package io.backstory.importexport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The FHIR R4 bulk export (DESIGN §10): one NDJSON file per resource type (the Bulk Data Access IG's
 * format), zipped. Rows are streamed from the database with a cursor and each resource is written as soon
 * as it is built, so a clinic of millions of visits never sits in memory. Admins and owners only; audited.
 */
@Service
public class FhirExportService {

    private final ClinicExports exports;
    private final JdbcTemplate jdbc;

    FhirExportService(ClinicExports exports) {
        this.exports = exports;
        this.jdbc = exports.streaming();
    }

    /** Writes the zip to {@code out} (left open) and returns how many resources of each type it holds. */
    @Transactional
    public Map<String, Integer> export(OutputStream out) {
        long clinicId = exports.start("fhir_bulk", "FHIR R4 NDJSON");
        IParser parser = FhirResources.context().newJsonParser().setPrettyPrint(false);
        Map<String, Integer> counts = new LinkedHashMap<>();
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        try {
            counts.put("Patient", file(zip, parser, "Patient", """
                    select id, first_name, last_name, date_of_birth, sex, phone, email from patient where clinic_id = ? order by id""",
                    clinicId, FhirResources::patient));
            counts.put("EpisodeOfCare", file(zip, parser, "EpisodeOfCare", """
                    select id, patient_id, start_date, discharge_date, discharge_reason, chronicity, prior_episodes
                      from episode where clinic_id = ? order by id""", clinicId, FhirResources::episodeOfCare));
            counts.put("Encounter", file(zip, parser, "Encounter", """
                    select v.id, e.patient_id, v.episode_id, v.visit_date, v.minutes
                      from visit v join episode e on e.clinic_id = v.clinic_id and e.id = v.episode_id
                     where v.clinic_id = ? order by v.id""", clinicId, FhirResources::encounter));
            counts.put("Procedure", file(zip, parser, "Procedure", """
                    select vf.visit_id, vf.factor, e.patient_id, v.visit_date
                      from visit_factor vf
                      join visit v on v.clinic_id = vf.clinic_id and v.id = vf.visit_id
                      join episode e on e.clinic_id = v.clinic_id and e.id = v.episode_id
                     where vf.clinic_id = ? order by vf.visit_id, vf.factor""", clinicId, FhirResources::procedure));
            counts.put("Observation", observations(zip, parser, clinicId));
            counts.put("Condition", file(zip, parser, "Condition", """
                    select r.id, e.patient_id, r.episode_id, r.onset_date, r.intensity, r.lasted_24h, r.activity_limiting,
                           r.care_sought, r.source
                      from recurrence r join episode e on e.clinic_id = r.clinic_id and e.id = r.episode_id
                     where r.clinic_id = ? order by r.id""", clinicId, FhirResources::condition));
            zip.finish();
            zip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    /** Scores from the measure table and the NPRS logged at each visit. */
    private int observations(ZipOutputStream zip, IParser parser, long clinicId) throws IOException {
        zip.putNextEntry(new ZipEntry("Observation.ndjson"));
        Writer writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        int[] n = {0};
        jdbc.query("""
                select m.id, e.patient_id, m.episode_id, m.visit_id, m.instrument, m.timepoint, m.recorded_on, m.score, m.category
                  from measure m join episode e on e.clinic_id = m.clinic_id and e.id = m.episode_id
                 where m.clinic_id = ? order by m.id""", rs -> {
            for (IBaseResource r : FhirResources.measure(rs)) {
                n[0] += line(writer, parser, r);
            }
        }, clinicId);
        jdbc.query("""
                select v.id, e.patient_id, v.episode_id, v.visit_date, v.nprs
                  from visit v join episode e on e.clinic_id = v.clinic_id and e.id = v.episode_id
                 where v.clinic_id = ? and v.nprs is not null order by v.id""",
                rs -> {
                    n[0] += line(writer, parser, FhirResources.visitNprs(rs));
                }, clinicId);
        writer.flush();
        zip.closeEntry();
        return n[0];
    }

    @FunctionalInterface
    interface RowToResource {
        IBaseResource map(ResultSet rs) throws SQLException;
    }

    private int file(ZipOutputStream zip, IParser parser, String type, String sql, long clinicId, RowToResource mapper) throws IOException {
        zip.putNextEntry(new ZipEntry(type + ".ndjson"));
        Writer writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        int[] n = {0};
        jdbc.query(sql, rs -> {
            n[0] += line(writer, parser, mapper.map(rs));
        }, clinicId);
        writer.flush();
        zip.closeEntry();
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
