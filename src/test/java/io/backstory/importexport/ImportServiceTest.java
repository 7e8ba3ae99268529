package io.backstory.importexport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.BackstoryTest;
import io.backstory.OwnClinic;
import io.backstory.base.UserFacingException;
import io.backstory.security.Role;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** Issue 13, the CSV import: dry run, all-or-nothing idempotent commit, and hostile files, each in a new clinic. */
@BackstoryTest
class ImportServiceTest {

    static final Path EXAMPLE = Path.of("docs/import-example");

    @Autowired
    ImportService imports;
    @Autowired
    JdbcClient jdbc;

    @RegisterExtension
    final OwnClinic clinic = OwnClinic.named("Import").locations("Riverside", "Old Town")
            .with("Imp Admin", Role.ADMIN).with("Theo Marsh", Role.THERAPIST).signedInAs(Role.ADMIN);

    @Test
    void shouldImportTheExampleFilesOnceAndAddNothingTheSecondTime() throws Exception {
        ImportJob checked = check(example());
        assertThat(checked.status()).as(checked.message()).isEqualTo(ImportJob.Status.CHECKED);
        assertThat(checked.message()).contains("Would add 6 patients, 7 episodes, 24 visits");
        assertThat(count("patient")).as("a dry run writes nothing").isZero();

        ImportJob done = commit(checked.id());
        assertThat(done.status()).as(done.message()).isEqualTo(ImportJob.Status.DONE);
        assertThat(done.progress()).isEqualTo(1.0);
        assertThat(count("patient")).isEqualTo(6);
        assertThat(count("episode")).isEqualTo(7);
        assertThat(count("visit")).isEqualTo(24);
        assertThat(count("recurrence")).isEqualTo(1);
        assertThat(count("report_episode")).as("the report aggregate is rebuilt: one row per discharged episode").isEqualTo(5);
        // 97112|97110 -> movement and strength; 97010 is passive care (no factor)
        assertThat(jdbc.sql("select count(*) from visit where clinic_id = ? and factor_movement and factor_strength").param(clinic.id())
                .query(Integer.class).single()).isPositive();
        assertThat(jdbc.sql("select note from visit where clinic_id = ? and note is not null").param(clinic.id()).query(String.class).single())
                .as("a quoted cell spanning two lines").isEqualTo("Home programme reviewed;\nprogressed load");
        assertThat(jdbc.sql("select count(*) from audit_event where clinic_id = ? and entity = 'import_job' and action = 'CREATE' and detail like 'imported%'")
                .param(clinic.id()).query(Integer.class).single()).isEqualTo(1);

        ImportJob again = check(example());
        assertThat(again.status()).isEqualTo(ImportJob.Status.CHECKED);
        assertThat(again.message()).startsWith("Already imported, nothing added");
        ImportJob secondCommit = commit(again.id());
        assertThat(secondCommit.status()).isEqualTo(ImportJob.Status.DONE);
        assertThat(secondCommit.message()).startsWith("Already imported, nothing added");
        assertThat(count("patient")).isEqualTo(6);
        assertThat(count("visit")).isEqualTo(24);
    }

    @Test
    void shouldListEveryBadRowByFileLineColumnAndRuleAndWriteNothing() throws Exception {
        ImportJob job = check(badMinutesAndDate());
        assertThat(job.status()).isEqualTo(ImportJob.Status.INVALID);
        assertThat(imports.problems(job.id())).extracting(ImportProblem::message).containsExactly(
                "episodes.csv, line 4, column discharge_date: must be a date like 2024-03-31 (ISO 8601), was '10/04/2025'",
                "visits.csv, line 3, column minutes: must be between 5 and 240, was 300");
        StringWriter csv = new StringWriter();
        imports.problemsCsv(job.id(), csv);
        assertThat(csv.toString()).startsWith("file,line,column,rule").contains("visits.csv,3,minutes,\"must be between 5 and 240, was 300\"");
        assertThatThrownBy(() -> imports.startCommit(job.id())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Only an import whose dry run found no problem can be committed, once");
        assertThat(count("patient")).isZero();
    }

    /** Issue 16: the dry run words its problems in the language of the user who started it; the file's values stay as written. */
    @Test
    void shouldListTheProblemsInSpanishForASpanishSpeakingUser() throws Exception {
        Map<String, byte[]> files = badMinutesAndDate();
        files.put("patients.csv", replaceLine(files.get("patients.csv"), 2, "P-1001,Ana,Ruiz,1890-05-01,F,,,yes"));
        ImportJob job = check(files, Locale.of("es"));
        assertThat(job.status()).isEqualTo(ImportJob.Status.INVALID);
        assertThat(job.message()).isEqualTo("Se encontraron 3 problemas: no se importó nada.");
        assertThat(imports.problems(job.id())).extracting(ImportProblem::message).containsExactly(
                // the bound is a date written the Spanish way; the file's own value stays as the file has it
                "patients.csv, line 2, column date_of_birth: debe estar entre el 1 ene 1900 y hoy, era 1890-05-01",
                "episodes.csv, line 4, column discharge_date: debe ser una fecha como 2024-03-31 (ISO 8601), era '10/04/2025'",
                "visits.csv, line 3, column minutes: debe estar entre 5 y 240, era 300");
        StringWriter csv = new StringWriter();
        imports.problemsCsv(job.id(), csv);
        assertThat(csv.toString()).contains("visits.csv,3,minutes,\"debe estar entre 5 y 240, era 300\"");
    }

    /** Issue 16: the commit's outcome is worded in the importing user's language too, like its dry run. */
    @Test
    void shouldSayWhatTheCommitImportedInSpanish() throws Exception {
        ImportJob checked = check(example(), Locale.of("es"));
        assertThat(checked.status()).as(checked.message()).isEqualTo(ImportJob.Status.CHECKED);
        assertThat(checked.message()).startsWith("Simulación: ningún problema. Se añadirían 6 pacientes, 7 episodios, 24 visitas");
        imports.startCommit(checked.id(), Locale.of("es"));
        ImportJob done = await(checked.id());
        assertThat(done.status()).as(done.message()).isEqualTo(ImportJob.Status.DONE);
        assertThat(done.message()).startsWith("Importado: 6 pacientes, 7 episodios, 24 visitas");
        assertThat(count("patient")).isEqualTo(6);
    }

    @Test
    void shouldRefuseAFileThatIsNotUtf8() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("patients.csv", "patient_id,first_name,last_name,date_of_birth,sex\nP-1,Jos\u00e9,Garc\u00eda,1970-01-01,M\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        ImportJob job = check(files);
        assertThat(job.status()).isEqualTo(ImportJob.Status.INVALID);
        assertThat(imports.problems(job.id()).getFirst().message()).startsWith("patients.csv, line ").contains(": the file is not UTF-8 text")
                .contains("CSV UTF-8");
    }

    @Test
    void shouldReadAByteOrderMarkAndSemicolonSeparators() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("patients.csv", ("\uFEFFpatient_id;first_name;last_name;date_of_birth;sex\nP-1;\"Ana; Maria\";Ruiz;1970-01-01;F\n")
                .getBytes(StandardCharsets.UTF_8));
        ImportJob job = check(files);
        assertThat(job.status()).as(job.message()).isEqualTo(ImportJob.Status.CHECKED);
        assertThat(commit(job.id()).status()).isEqualTo(ImportJob.Status.DONE);
        assertThat(jdbc.sql("select first_name from patient where clinic_id = ?").param(clinic.id()).query(String.class).single())
                .isEqualTo("Ana; Maria");
    }

    @Test
    void shouldStopAtATenMegabyteFieldWithAClearMessage() throws Exception {
        StringBuilder big = new StringBuilder("patient_id,first_name,last_name,date_of_birth,sex\nP-1,\"");
        big.repeat('x', 10 * 1024 * 1024).append("\",Ruiz,1970-01-01,F\n");
        ImportJob job = check(Map.of("patients.csv", big.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(job.status()).isEqualTo(ImportJob.Status.INVALID);
        assertThat(imports.problems(job.id()).getFirst().message())
                .isEqualTo("patients.csv, line 2: a record holds more than 1048576 characters (a cell is far too long, "
                        + "or a quote is never closed): fix the file and upload it again");
        assertThat(count("patient")).isZero();
    }

    @Test
    void shouldStoreFormulaLookingCellsAsTextAndExportThemDefused() throws Exception {
        ImportJob job = check(Map.of("patients.csv", "patient_id,first_name,last_name,date_of_birth,sex\nP-1,=HYPERLINK(\"http://x\"),@Ruiz,1970-01-01,F\n"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(job.status()).as(job.message()).isEqualTo(ImportJob.Status.CHECKED);
        commit(job.id());
        String first = jdbc.sql("select first_name from patient where clinic_id = ?").param(clinic.id()).query(String.class).single();
        assertThat(first).isEqualTo("=HYPERLINK(\"http://x\")");
        assertThat(CsvExport.safe(first)).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(CsvExport.safe("@Ruiz")).isEqualTo("'@Ruiz");
    }

    @Test
    void shouldNameDuplicateIdsAndUnknownReferences() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("patients.csv", "patient_id,first_name,last_name,date_of_birth,sex\nP-1,Ana,Ruiz,1970-01-01,F\nP-1,Ana,Ruiz,1970-01-01,F\n"
                .getBytes(StandardCharsets.UTF_8));
        files.put("episodes.csv", "episode_id,patient_id,start_date,chronicity\nE-1,P-9,2025-01-01,ACUTE\n".getBytes(StandardCharsets.UTF_8));
        ImportJob job = check(files);
        assertThat(imports.problems(job.id())).extracting(ImportProblem::message).containsExactly(
                "patients.csv, line 3, column patient_id: duplicate id 'P-1' (also on an earlier line of this file)",
                "episodes.csv, line 2, column patient_id: no patient with id 'P-9' in patients.csv or an earlier import");
    }

    /**
     * One check-in per episode and month, one recurrence per episode: against the rows already in the database (the
     * follow-ups module answers, FollowUpBulk) and within the file, each named on its line.
     */
    @Test
    void shouldNameASecondCheckInOfAMonthAndASecondRecurrence() throws Exception {
        assertThat(commit(check(example()).id()).status()).isEqualTo(ImportJob.Status.DONE);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("checkins.csv", """
                checkin_id,episode_id,months_after,due_date
                C-9001,E-2001,1,2025-03-16
                C-9002,E-2002,24,2027-03-21
                C-9003,E-2002,24,2027-03-21
                """.getBytes(StandardCharsets.UTF_8));
        files.put("recurrences.csv", """
                recurrence_id,episode_id,onset_date,care_sought,source
                R-9001,E-2001,2025-09-01,yes,FOLLOW_UP
                R-9002,E-2002,2025-09-01,yes,FOLLOW_UP
                R-9003,E-2002,2025-10-01,no,FOLLOW_UP
                """.getBytes(StandardCharsets.UTF_8));
        ImportJob job = check(files);
        assertThat(job.status()).isEqualTo(ImportJob.Status.INVALID);
        assertThat(imports.problems(job.id())).extracting(ImportProblem::message).containsExactly(
                "checkins.csv, line 2, column months_after: episode E-2001 already has a 1-month check-in",
                "checkins.csv, line 4, column months_after: episode E-2002 already has a 24-month check-in",
                "recurrences.csv, line 2, column episode_id: episode E-2001 already has a recurrence (one, the first, per episode)",
                "recurrences.csv, line 4, column episode_id: episode E-2002 already has a recurrence (one, the first, per episode)");
    }

    /**
     * An id twice in a file, the second time in a later batch: the first import of a kind does not look its ids up
     * per batch (PostgreSQL's fast path), the unique key refuses the second and the run is done again looking every
     * id up, so the dry run names it on its line as in a small file, and the commit of the file once fixed adds it.
     */
    @Test
    void shouldNameAnIdSeenInAnEarlierBatchOfTheFile() throws Exception {
        // the second batch starts with the id seen twice and goes on for thousands of rows: COPY's refusal arrives while
        // the rest of the batch is still being streamed to the server
        StringBuilder once = new StringBuilder("patient_id,first_name,last_name,date_of_birth,sex\n");
        StringBuilder twice = new StringBuilder(once);
        for (int i = 1; i <= ImportEngine.BATCH + 5_000; i++) {
            String row = "P-" + i + ",Ana,Ruiz,1970-01-01,F\n";
            once.append(row);
            twice.append(row);
            if (i == ImportEngine.BATCH) {
                twice.append("P-3,Ana,Ruiz,1970-01-01,F\n");
            }
        }
        ImportJob job = check(Map.of("patients.csv", twice.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(job.status()).isEqualTo(ImportJob.Status.INVALID);
        assertThat(imports.problems(job.id())).extracting(ImportProblem::message).containsExactly(
                "patients.csv, line " + (ImportEngine.BATCH + 2) + ", column patient_id: duplicate id 'P-3' (also on an earlier line of this file)");

        ImportJob fixed = check(Map.of("patients.csv", once.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(fixed.status()).as(fixed.message()).isEqualTo(ImportJob.Status.CHECKED);
        assertThat(commit(fixed.id()).status()).isEqualTo(ImportJob.Status.DONE);
        assertThat(count("patient")).isEqualTo(ImportEngine.BATCH + 5_000);
    }

    @Test
    void shouldNameAMissingColumnAndUseTheSavedMapping() throws Exception {
        Map<String, byte[]> files = Map.of("patients.csv", "Patient ID,Given,Family,DOB,Gender\nP-1,Ana,Ruiz,1970-01-01,F\n"
                .getBytes(StandardCharsets.UTF_8));
        ImportJob unmapped = check(files);
        assertThat(imports.problems(unmapped.id()).getFirst().message())
                .isEqualTo("patients.csv, line 1, column patient_id: the required column is missing; the header has: Patient ID, Given, Family, DOB, Gender");
        imports.saveMapping(ImportKind.PATIENTS, Map.of("patient_id", "Patient ID", "first_name", "Given", "last_name", "Family",
                "date_of_birth", "DOB", "sex", "Gender"));
        assertThat(imports.mapping(ImportKind.PATIENTS)).containsEntry("first_name", "Given");
        assertThat(check(files).status()).isEqualTo(ImportJob.Status.CHECKED);
    }

    @Test
    void shouldSeedTheCodeTableWithTheDesignDefaultsAndLetTheClinicEditIt() throws Exception {
        assertThat(imports.codes()).contains(new ImportService.CodeRow("97112", "MOVEMENT", "Neuromuscular re-education"),
                new ImportService.CodeRow("97010", null, "Hot or cold packs (passive)"));
        Map<String, byte[]> files = example();
        files.put("visits.csv", replaceLine(files.get("visits.csv"), 2, "V-3001,E-2001,2025-01-06,Theo Marsh,45,7,97112|X99,"));
        ImportJob job = check(files);
        assertThat(imports.problems(job.id())).extracting(ImportProblem::message)
                .containsExactly("visits.csv, line 2, column codes: unknown code 'X99': add it to the code table (Import, map codes)");
        assertThatThrownBy(() -> imports.saveCode(new ImportService.CodeRow("x 99", "BELIEFS", null)))
                .isInstanceOfSatisfying(UserFacingException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Code: 1 to 40 letters, digits, '.', '_' or '-', was 'x 99'");
                    assertThat(e.localized(Locale.of("es"))).isEqualTo("Código: de 1 a 40 letras, dígitos, '.', '_' o '-', era 'x 99'");
                });
        imports.saveCode(new ImportService.CodeRow("x99", "BELIEFS", "Clinic's own education code"));
        assertThat(check(files).status()).isEqualTo(ImportJob.Status.CHECKED);
    }

    @Test
    void shouldLeaveTheDatabaseUnchangedWhenTheCommitFails() throws Exception {
        ImportJob checked = check(example());
        assertThat(checked.status()).isEqualTo(ImportJob.Status.CHECKED);
        // The visits file changes on disk after the dry run: the commit meets a bad row after writing patients and episodes.
        Path visits = Path.of(jdbc.sql("select path from import_file where clinic_id = ? and job_id = ? and kind = 'VISITS'")
                .params(clinic.id(), checked.id()).query(String.class).single());
        Files.writeString(visits, Files.readString(visits) + "V-9999,E-2001,2025-01-06,,500,,,\n");
        ImportJob failed = commit(checked.id());
        assertThat(failed.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(failed.message()).startsWith("The import stopped and nothing was imported")
                .contains("visits.csv, line 27, column minutes: must be between 5 and 240, was 500");
        assertThat(count("patient")).isZero();
        assertThat(count("episode")).isZero();
        assertThat(jdbc.sql("select count(*) from import_external_id where clinic_id = ?").param(clinic.id()).query(Integer.class).single()).isZero();
    }

    @Test
    void shouldRefuseTherapistsAndFilesThatDoNotSayWhatTheyHold() {
        assertThatThrownBy(() -> imports.upload(Map.of("export.csv", new ByteArrayInputStream(new byte[0]))))
                .hasMessageContaining("the file name must say what it holds");
        clinic.signInAs(clinic.therapist());
        assertThatThrownBy(() -> imports.latest()).isInstanceOf(AccessDeniedException.class);
    }

    // --- helpers ------------------------------------------------------------------------------------------

    static Map<String, byte[]> example() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : List.of("patients.csv", "episodes.csv", "visits.csv", "measures.csv", "checkins.csv", "recurrences.csv")) {
            files.put(name, Files.readAllBytes(EXAMPLE.resolve(name)));
        }
        return files;
    }

    /** The example with two bad cells: minutes out of range on visits line 3, a non-ISO discharge date on episodes line 4. */
    private static Map<String, byte[]> badMinutesAndDate() throws Exception {
        Map<String, byte[]> files = example();
        files.put("visits.csv", replaceLine(files.get("visits.csv"), 3, "V-3002,E-2001,2025-01-13,Theo Marsh,300,5,97140|97010,"));
        files.put("episodes.csv", replaceLine(files.get("episodes.csv"), 4,
                "E-2003,P-1003,Theo Marsh,Riverside,2025-03-10,10/04/2025,SELF_DISCHARGED,ACUTE,0"));
        return files;
    }

    static byte[] replaceLine(byte[] file, int line, String replacement) {
        String[] lines = new String(file, StandardCharsets.UTF_8).split("\n", -1);
        lines[line - 1] = replacement;
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private ImportJob check(Map<String, byte[]> files) throws InterruptedException {
        return check(files, Locale.ENGLISH);
    }

    private ImportJob check(Map<String, byte[]> files, Locale locale) throws InterruptedException {
        Map<String, InputStream> streams = new LinkedHashMap<>();
        files.forEach((name, bytes) -> streams.put(name, new ByteArrayInputStream(bytes)));
        ImportJob job = imports.upload(streams);
        imports.startCheck(job.id(), locale);
        return await(job.id());
    }

    private ImportJob commit(long jobId) throws InterruptedException {
        imports.startCommit(jobId);
        return await(jobId);
    }

    private ImportJob await(long jobId) throws InterruptedException {
        return ImportJobs.await(imports, jobId, Duration.ofMillis(100), Duration.ofSeconds(120));
    }

    private int count(String table) {
        return jdbc.sql("select count(*) from " + table + " where clinic_id = ?").param(clinic.id()).query(Integer.class).single();
    }
}
