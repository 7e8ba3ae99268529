package io.backstory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * name a table of its own module ({@link #OWNER}), or read a view another module publishes as its read API
 * ({@link #PUBLISHED}). SQL that splices its table name in at run time ({@code "select ... from " + table}) must take
 * the name through a parameter marked {@link io.backstory.base.TableName}, and the string literals passed to such
 * parameters count as named there.
 *
 * <p>There are no exceptions left (issue 15 emptied the allow-list this test kept while they were moved, and removed
 * it). The report aggregate, which joined four modules' tables, reads their {@link #PUBLISHED} views. The CSV import,
 * which writes every clinical table by COPY, writes what each owner declares as its bulk-load contract
 * ({@link io.backstory.base.BulkTable}: {@code PatientBulk.IMPORT_PATIENTS}, {@code VisitBulk.IMPORT_VISITS}, ...),
 * so the table names are literals in the owning modules; its one-per-episode checks are the follow-ups module's
 * ({@code FollowUpBulk.checkInsOf}, {@code episodesWithRecurrence}).
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
     * The owners' published read views (V20_1 and later migrations), each the read API in SQL of the module that owns
     * it: any module may read it (FROM, JOIN), only the owner may name its tables. A view is named after its owner
     * ({@code <module>_...}), and names only its owner's tables and views. They exist for set-based reads that must
     * stay in the database for speed, such as the rebuild of the report aggregate after an import of a million visits.
     */
    static final Map<String, String> PUBLISHED = Map.ofEntries(
            Map.entry("patients_discharged_episode", "patients"),
            Map.entry("visits_episode_plan", "visits"),
            Map.entry("measures_episode_baseline", "measures"),
            Map.entry("followups_episode_check_ins", "followups"), Map.entry("followups_episode_recurrence", "followups"),
            Map.entry("followups_check_in_answer", "followups"));

    private static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern TABLE = Pattern.compile("\\b(from|join|into|update)\\s+([a-z_]+)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE_VIEW = Pattern.compile("create\\s+(?:or\\s+replace\\s+)?view\\s+([a-z_]+)\\s+as\\s+(.*?);", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** A declaration's name and parameter list (a method, constructor or record). */
    private static final Pattern DECLARATION = Pattern.compile("\\b(\\w+)\\s*\\(([^()]*@TableName[^()]*)\\)");
    /** A name spliced into SQL after a keyword that names a table: {@code "... from " + table}. */
    private static final Pattern SPLICE = Pattern.compile("\\b(?:from|join|into|update|table|copy)\\s*\"\\s*\\+\\s*(\\w+)",
            Pattern.CASE_INSENSITIVE);
    /** A method's or constructor's header up to its opening brace, or a statement's ({@link #STATEMENTS}). */
    private static final Pattern HEADER = Pattern.compile("\\b(\\w+)\\s*\\(([^()]*)\\)\\s*(?:throws\\s+[\\w.,\\s]+)?\\{");
    private static final Set<String> STATEMENTS = Set.of("if", "for", "while", "switch", "catch", "try", "synchronized");
    private static final Pattern QUOTED_VALUE = Pattern.compile("'([A-Z][A-Z0-9_]*)'");
    private static final Pattern CREATE_TABLE = Pattern.compile("create table (?:if not exists )?([a-z_]+)", Pattern.CASE_INSENSITIVE);

    @Test
    void shouldNameOnlyTheModulesOwnTablesInSql() throws IOException {
        Map<Path, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (SOURCES.relativize(file).getNameCount() >= 2) {
                    sources.put(file, Files.readString(file));
                }
            }
        }
        Set<String> sinks = tableNameSinks(sources.values());
        Set<String> found = new TreeSet<>();
        Set<String> unmarked = new TreeSet<>();
        sources.forEach((file, source) -> {
            Path relative = SOURCES.relativize(file);
            String module = relative.getName(0).toString();
            String where = module + "/" + relative.getFileName();
            Matcher literal = LITERAL.matcher(source);
            while (literal.find()) {
                String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
                Matcher table = TABLE.matcher(text);
                while (table.find()) {
                    String name = table.group(2).toLowerCase(Locale.ROOT);
                    boolean reads = List.of("from", "join").contains(table.group(1).toLowerCase(Locale.ROOT));
                    String owner = OWNER.containsKey(name) ? OWNER.get(name) : reads ? null : PUBLISHED.get(name);
                    if (owner != null && !owner.equals(module)) {
                        found.add(where + " " + name);
                    }
                }
            }
            // table names spliced in at run time: the literals passed to a @TableName parameter
            for (String name : namesPassedTo(sinks, source)) {
                String owner = OWNER.get(name);
                if (owner != null && !owner.equals(module)) {
                    found.add(where + " " + name);
                }
            }
            Matcher splice = SPLICE.matcher(source);
            while (splice.find()) {
                if (!marked(source, splice.start(), splice.group(1))) {
                    unmarked.add(where + " " + splice.group(1));
                }
            }
        });
        assertThat(unmarked).as("a table name spliced into SQL must come through a @TableName parameter, so this test sees "
                + "the literals passed to it").isEmpty();
        assertThat(found).as("SQL on another module's tables (docs/style.md rule 9): ask the owning module's API instead")
                .isEmpty();
    }

    private static String moduleSources(String module) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(SOURCES.resolve(module))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }

    /**
     * Whether {@code name}, spliced into SQL at {@code at}, is a @TableName parameter of the method around it, or a
     * loop variable over one ({@code for (String table : tables)}). The method is the last declaration before the
     * splice; an anonymous class in between makes this answer no, which fails safe.
     */
    private static boolean marked(String source, int at, String name) {
        String parameters = null;
        int body = 0;
        Matcher header = HEADER.matcher(source);
        while (header.find() && header.start() < at) {
            if (!STATEMENTS.contains(header.group(1))) {
                parameters = header.group(2);
                body = header.end();
            }
        }
        if (parameters == null || body > at) {
            return false;
        }
        if (annotated(parameters, name)) {
            return true;
        }
        Matcher loop = Pattern.compile("for\\s*\\(\\s*String\\s+" + name + "\\s*:\\s*(\\w+)\\s*\\)").matcher(source.substring(body, at));
        return loop.find() && annotated(parameters, loop.group(1));
    }

    private static boolean annotated(String parameters, String name) {
        return Pattern.compile("@TableName\\s+String(?:\\.\\.\\.)?\\s+" + name + "\\b").matcher(parameters).find();
    }

    /** The methods, constructors and records that take a @TableName parameter or component. */
    private static Set<String> tableNameSinks(Iterable<String> sources) {
        Set<String> sinks = new TreeSet<>();
        for (String source : sources) {
            Matcher declaration = DECLARATION.matcher(source);
            while (declaration.find()) {
                if (declaration.group(2).contains("@TableName")) {
                    sinks.add(declaration.group(1));
                }
            }
        }
        return sinks;
    }

    /** The string literals that are whole table names among the arguments of every call of a sink in {@code source}. */
    private static Set<String> namesPassedTo(Set<String> sinks, String source) {
        Set<String> names = new TreeSet<>();
        for (String sink : sinks) {
            Matcher call = Pattern.compile("\\b" + sink + "\\s*\\(").matcher(source);
            while (call.find()) {
                Matcher literal = LITERAL.matcher(arguments(source, call.end()));
                while (literal.find()) {
                    if (literal.group(2) != null && OWNER.containsKey(literal.group(2))) {
                        names.add(literal.group(2));
                    }
                }
            }
        }
        return names;
    }

    /** The text from {@code start} to the parenthesis that closes the call, string literals skipped whole. */
    private static String arguments(String source, int start) {
        int depth = 1;
        for (int i = start; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '"') {
                Matcher literal = LITERAL.matcher(source).region(i, source.length());
                if (literal.lookingAt()) {
                    i = literal.end() - 1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return source.substring(start, i);
            }
        }
        return source.substring(start);
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

    @Test
    void shouldPublishOnlyViewsThatReadTheirOwnersTables() throws IOException {
        Map<String, String> created = new TreeMap<>();
        Set<String> problems = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher view = CREATE_VIEW.matcher(Files.readString(file));
                while (view.find()) {
                    String name = view.group(1).toLowerCase(Locale.ROOT);
                    created.put(name, file.getFileName().toString());
                    String owner = PUBLISHED.get(name);
                    if (owner == null || !name.startsWith(owner + "_")) {
                        problems.add(name + ": not in PUBLISHED, or not named after its owning module");
                        continue;
                    }
                    Matcher table = TABLE.matcher(view.group(2));
                    while (table.find()) {
                        String read = table.group(2).toLowerCase(Locale.ROOT);
                        String readOwner = OWNER.containsKey(read) ? OWNER.get(read) : PUBLISHED.get(read);
                        if (!owner.equals(readOwner)) {
                            problems.add(name + " (" + owner + ") reads " + read + " (" + readOwner + ")");
                        }
                    }
                    // the stored values a view matches are the owner's enum constants: a renamed constant fails here
                    String ownerCode = moduleSources(owner);
                    Matcher value = QUOTED_VALUE.matcher(view.group(2));
                    while (value.find()) {
                        if (!Pattern.compile("\\b" + value.group(1) + "\\b").matcher(ownerCode).find()) {
                            problems.add(name + " matches '" + value.group(1) + "', not a constant name in the " + owner + " module");
                        }
                    }
                }
            }
        }
        assertThat(problems).as("a published view is its owner's read API: only the owner's tables behind it").isEmpty();
        assertThat(created.keySet()).as("PUBLISHED lists exactly the views the migrations create").isEqualTo(PUBLISHED.keySet());
    }
}
