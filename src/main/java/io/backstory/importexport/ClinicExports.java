package io.backstory.importexport;

import io.backstory.clinic.ClinicLocations;
import io.backstory.followups.FollowUpBulk;
import io.backstory.measures.MeasureBulk;
import io.backstory.patients.PatientBulk;
import io.backstory.security.AuditLog;
import io.backstory.security.ClinicAccounts;
import io.backstory.security.CurrentUser;
import io.backstory.security.Role;
import io.backstory.visits.VisitBulk;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * What the whole-clinic exports (FHIR NDJSON, import-format CSV) share: only admins and owners may take one, each is
 * audited before any row is read ({@link #start} hands the rows out only then), and each is a zip of text files
 * written one after the other as the owning modules stream their rows (their bulk APIs), so a clinic of millions of
 * visits never sits in memory.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class ClinicExports {

    /** Writes one file of the zip and returns how many records it holds. */
    @FunctionalInterface
    interface ExportFile {
        int write(Writer writer) throws IOException;
    }

    private final CurrentUser currentUser;
    private final AuditLog auditLog;
    /** Handed out by {@link #start} only, so no export reads a row before it is audited. */
    private final Readers readers;

    /**
     * What an export reads of a clinic, from the owning modules: the records as their bulk APIs stream them, and the
     * names of its people and locations. A bean of its own so that the exports share one list of these readers.
     */
    @Component
    record Readers(PatientBulk patients, VisitBulk visits, MeasureBulk measures, FollowUpBulk followUps,
                   ClinicAccounts accounts, ClinicLocations locations) {
    }

    /** The clinic being exported and the readers of its rows. */
    record ClinicRows(long clinicId, Readers read) {
    }

    /**
     * The caller's clinic and its rows, once they may export it (admins and owners), with the export audited. Call it
     * inside the export's transaction, first: one transaction then holds the audit row and the cursors.
     */
    ClinicRows start(String entity, String detail) {
        long clinicId = currentUser.requireAnyRole(Role.ADMIN, Role.OWNER).clinicId();
        auditLog.record(AuditLog.Action.EXPORT, entity, clinicId, detail);
        return new ClinicRows(clinicId, readers);
    }

    /** Writes the files, in order, as one zip to {@code out} (left open); records per file name. */
    static Map<String, Integer> zip(OutputStream out, Map<String, ExportFile> files) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        try {
            for (Map.Entry<String, ExportFile> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                Writer writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
                counts.put(f.getKey(), f.getValue().write(writer));
                writer.flush();
                zip.closeEntry();
            }
            zip.finish();
            zip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }
}
