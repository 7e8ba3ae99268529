package io.backstory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/style.md rule 9: a module reads another module's data through its API, its events or a read model it owns,
 * never by SQL on the other module's tables. ArchUnit sees types, not SQL, so this test reads the SQL itself: every
 * string literal and text block under {@code src/main/java} that names a table after FROM, JOIN, INTO or UPDATE must
 * name a table of its own module ({@link #OWNER}). The places that still read or write other modules' tables are
 * listed in {@link #NOT_YET_MOVED}; the list may only shrink: a new pair fails the test, and so does a listed pair
 * that is gone (delete it from the list).
 */
class ModuleTablesTest {

    private static final Path SOURCES = Path.of("src", "main", "java", "io", "backstory");
    private static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");

    /** Which module owns each table: the one whose entities or service keep its rows. */
    static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("clinic", "clinic"), Map.entry("clinic_settings", "clinic"), Map.entry("location", "clinic"),
            Map.entry("user_account", "security"), Map.entry("user_role", "security"), Map.entry("audit_event", "security"),
            Map.entry("account_token", "security"), Map.entry("login_attempt", "security"), Map.entry("mfa_factor", "security"),
            Map.entry("mfa_recovery_code", "security"),
            Map.entry("patient", "patients"), Map.entry("episode", "patients"),
            Map.entry("visit", "visits"), Map.entry("visit_factor", "visits"), Map.entry("visit_intervention", "visits"),
            Map.entry("intervention", "visits"),
            Map.entry("measure", "measures"),
            Map.entry("follow_up", "followups"), Map.entry("recurrence", "followups"), Map.entry("check_in_link", "followups"),
            Map.entry("check_in_attempt", "followups"),
            Map.entry("outbox_message", "followups"),
            Map.entry("report_episode", "reports"),
            Map.entry("import_job", "importexport"), Map.entry("import_file", "importexport"), Map.entry("import_mapping", "importexport"),
            Map.entry("import_problem", "importexport"), Map.entry("import_code", "importexport"),
            Map.entry("import_external_id", "importexport"));

    /**
     * Cross-module SQL not yet moved behind an API (issue 15), as "module/File.java table". The demo seed, the CSV
     * import and the exports go through the owners' bulk APIs; the follow-up worklist and check-in mails ask patients
     * and clinic in bulk. What is left are the exceptions below.
     *
     * <p>Two documented exceptions, kept for speed rather than not yet done:
     * <ul>
     *   <li>ReportEpisodes, the report aggregate (report_episode): its refresh and its rebuild aggregate an episode's
     *       patient, visits, factors, baseline measures and check-ins in one set-based statement. The rebuild after an
     *       import of a million visits must take seconds on PostgreSQL (ImportBenchmark prints it); carrying every
     *       module's rows through a Java API would move millions of rows out of the database to aggregate them. The
     *       values it matches are bound from the owners' enums.</li>
     *   <li>ReportDataset.followUpChannels: how the due check-ins were completed, by plan group, joins every due
     *       check-in of the clinic to the aggregate in one grouped statement; at a million episodes, streaming several
     *       million check-ins out of the follow-ups module to group them in Java would cost seconds of the report's
     *       5 s budget (docs/performance.md).</li>
     * </ul>
     */
    private static final Set<String> NOT_YET_MOVED = Set.of(
            "reports/ReportDataset.java follow_up", "reports/ReportDataset.java recurrence",
            "reports/ReportEpisodes.java episode", "reports/ReportEpisodes.java follow_up", "reports/ReportEpisodes.java measure",
            "reports/ReportEpisodes.java patient", "reports/ReportEpisodes.java recurrence", "reports/ReportEpisodes.java visit");

    private static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern TABLE = Pattern.compile("\\b(?:from|join|into|update)\\s+([a-z_]+)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE_TABLE = Pattern.compile("create table (?:if not exists )?([a-z_]+)", Pattern.CASE_INSENSITIVE);

    @Test
    void shouldNameOnlyTheModulesOwnTablesInSql() throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue;
                }
                String module = relative.getName(0).toString();
                Matcher literal = LITERAL.matcher(Files.readString(file));
                while (literal.find()) {
                    String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
                    Matcher table = TABLE.matcher(text);
                    while (table.find()) {
                        String name = table.group(1).toLowerCase(Locale.ROOT);
                        String owner = OWNER.get(name);
                        if (owner != null && !owner.equals(module)) {
                            found.add(module + "/" + relative.getFileName() + " " + name);
                        }
                    }
                }
            }
        }
        assertThat(found).as("SQL on another module's tables (docs/style.md rule 9): ask the owning module's API instead")
                .isSubsetOf(NOT_YET_MOVED);
        assertThat(NOT_YET_MOVED).as("moved behind an API: delete these from NOT_YET_MOVED").isSubsetOf(found);
    }

    @Test
    void shouldKnowTheOwnerOfEveryTable() throws IOException {
        Map<String, String> unowned = new TreeMap<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher m = CREATE_TABLE.matcher(Files.readString(file));
                while (m.find()) {
                    String name = m.group(1).toLowerCase(Locale.ROOT);
                    if (!OWNER.containsKey(name)) {
                        unowned.put(name, file.getFileName().toString());
                    }
                }
            }
        }
        assertThat(unowned).as("tables without an owning module in ModuleTablesTest.OWNER").isEmpty();
    }
}
