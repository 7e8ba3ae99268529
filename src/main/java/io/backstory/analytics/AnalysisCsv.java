package io.backstory.analytics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads and writes the analysis dataset (DESIGN §4), the one file format that lets any analysis in the
 * dashboard be reproduced outside it (e.g. in R with {@code read.csv}). Covariates may be missing (an empty
 * cell or {@code NA}); the identifier, the plan factors, visits and the outcome may not, because an episode
 * without them cannot be analysed at all. Every violation stops the read with an {@link AnalysisDataException}
 * naming line, column and rule: silently skipping rows would bias the results without anyone knowing.
 *
 * <p>Columns are found by header name, in any order. The 17 of {@link #REQUIRED} must all be there; the three
 * of {@link #OPTIONAL} ({@code therapist_id}, {@code location_id}, {@code recovered}) may be absent, and
 * {@link #readDataset} tells which were present. The export always writes all twenty, in {@link #HEADER} order.
 *
 * <p>Line numbers are file lines (blank lines, which are skipped, still count); for a record whose quoted
 * cell spans lines it is the line where the record ends. The export never writes such cells.
 */
public final class AnalysisCsv {

    /** The 17 columns every dataset must have (DESIGN §4), in the order the export writes them. */
    public static final List<String> REQUIRED = List.of(
            "episode_id", "f_movement", "f_mobility", "f_strength", "f_recovery", "f_beliefs",
            "age", "sex", "chronicity", "baseline_nprs", "baseline_odi", "fabq_pa", "startback",
            "prior_episodes", "visits", "time_days", "recurred");

    /**
     * Columns a dataset may lack (older exports, other tools): without them the analysis cannot check the
     * therapist, the location or persistent pain, and says so ({@link AnalysisDataset#hasColumn}).
     */
    public static final List<String> OPTIONAL = List.of(AnalysisDataset.THERAPIST_ID, AnalysisDataset.LOCATION_ID,
            AnalysisDataset.RECOVERED);

    /** The header the export writes: the required columns, then the optional ones. */
    public static final List<String> HEADER = java.util.stream.Stream.concat(REQUIRED.stream(), OPTIONAL.stream()).toList();

    /** Longest therapist or location code accepted: codes are short and opaque, never free text. */
    static final int MAX_CODE_LENGTH = 64;

    /**
     * Whole-number covariates (age, NPRS, ODI, FABQ-PA) share boxed values: a million-row read otherwise
     * allocates four Doubles per row that all survive into the old generation, which dominated read time.
     */
    private static final Double[] WHOLE = new Double[1001];

    static {
        for (int i = 0; i < WHOLE.length; i++) {
            WHOLE[i] = (double) i;
        }
    }

    private static final Category<Sex> SEX = new Category<>("sex", Sex.class, Sex::name);
    private static final Category<Chronicity> CHRONICITY = new Category<>("chronicity", Chronicity.class,
            c -> c.name().toLowerCase(Locale.ROOT));
    private static final Category<StartBackRisk> START_BACK = new Category<>("startback", StartBackRisk.class,
            r -> r.name().toLowerCase(Locale.ROOT));

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private AnalysisCsv() {
    }

    /**
     * @throws AnalysisDataException if a row breaks a column's rule (line and column named)
     * @throws java.io.UncheckedIOException if the input cannot be read
     */
    public static List<AnalysisEpisode> read(Reader reader) {
        List<AnalysisEpisode> episodes = new ArrayList<>();
        forEach(reader, episodes::add);
        return episodes;
    }

    /**
     * @throws AnalysisDataException if a row breaks a column's rule (line and column named)
     * @throws java.io.UncheckedIOException if the input cannot be read
     */
    public static List<AnalysisEpisode> read(Path path) {
        return readDataset(path).episodes();
    }

    /**
     * The rows and which optional columns the file had.
     *
     * @throws AnalysisDataException if a row breaks a column's rule (line and column named)
     * @throws java.io.UncheckedIOException if the input cannot be read
     */
    public static AnalysisDataset readDataset(Reader reader) {
        List<AnalysisEpisode> episodes = new ArrayList<>();
        Set<String> optional = forEach(reader, episodes::add);
        return new AnalysisDataset(episodes, optional);
    }

    /**
     * @throws AnalysisDataException if a row breaks a column's rule (line and column named)
     * @throws java.io.UncheckedIOException if the input cannot be read
     */
    public static AnalysisDataset readDataset(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return readDataset(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Streams the rows to {@code consumer} without holding the whole file; validation as {@link #read}.
     *
     * @return the optional columns ({@link #OPTIONAL}) the header had
     */
    public static Set<String> forEach(Reader reader, Consumer<AnalysisEpisode> consumer) {
        Reader buffered = reader instanceof BufferedReader ? reader : new BufferedReader(reader, 1 << 16);
        long lastLine = 0;
        try (CSVParser parser = CSVParser.builder().setReader(buffered).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new AnalysisDataException(1, null, "the header is missing (empty file)");
            }
            int[] at = columnPositions(records.next());
            lastLine = 1;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                lastLine = parser.getCurrentLineNumber();
                consumer.accept(parseRow(record, lastLine, at));
            }
            Set<String> present = new LinkedHashSet<>();
            for (int j = 0; j < OPTIONAL.size(); j++) {
                if (at[REQUIRED.size() + j] >= 0) {
                    present.add(OPTIONAL.get(j));
                }
            }
            return Set.copyOf(present);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the analysis dataset", e);
        } catch (UncheckedIOException e) {
            // commons-csv wraps its parse errors (e.g. an unterminated quote) in UncheckedIOException.
            throw new AnalysisDataException(lastLine + 1, null, "malformed CSV: " + e.getCause().getMessage());
        }
    }

    /** Writes every column of {@link #HEADER} (an unknown optional value as {@code NA}). */
    public static void write(Writer writer, List<AnalysisEpisode> episodes) {
        write(writer, episodes, OPTIONAL);
    }

    /** Writes the required columns and only the optional ones the dataset has, e.g. a 17-column file stays one. */
    public static void write(Writer writer, AnalysisDataset dataset) {
        write(writer, dataset.episodes(), OPTIONAL.stream().filter(dataset::hasColumn).toList());
    }

    private static void write(Writer writer, List<AnalysisEpisode> episodes, List<String> optional) {
        try {
            CSVPrinter printer = new CSVPrinter(writer, FORMAT);
            List<String> header = new ArrayList<>(REQUIRED);
            header.addAll(optional);
            printer.printRecord(header);
            boolean therapist = optional.contains(AnalysisDataset.THERAPIST_ID);
            boolean location = optional.contains(AnalysisDataset.LOCATION_ID);
            boolean recovered = optional.contains(AnalysisDataset.RECOVERED);
            Object[] row = new Object[header.size()];
            for (AnalysisEpisode e : episodes) {
                row[0] = e.episodeId();
                row[1] = bit(e.movement());
                row[2] = bit(e.mobility());
                row[3] = bit(e.strength());
                row[4] = bit(e.recovery());
                row[5] = bit(e.beliefs());
                row[6] = number(e.age());
                row[7] = SEX.cell(e.sex());
                row[8] = CHRONICITY.cell(e.chronicity());
                row[9] = number(e.baselineNprs());
                row[10] = number(e.baselineOdi());
                row[11] = number(e.fabqPa());
                row[12] = START_BACK.cell(e.startBack());
                row[13] = e.priorEpisodes() == null ? "NA" : e.priorEpisodes().toString();
                row[14] = Integer.toString(e.visits());
                row[15] = number(e.timeDays());
                row[16] = bit(e.recurred());
                int j = 17;
                if (therapist) {
                    row[j++] = code(e.therapistId());
                }
                if (location) {
                    row[j++] = code(e.locationId());
                }
                if (recovered) {
                    row[j] = e.recovered() == null ? "NA" : bit(e.recovered());
                }
                printer.printRecord(row);
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the analysis dataset", e);
        }
    }

    private static String code(String value) {
        return value == null ? "NA" : value;
    }

    private static String bit(boolean value) {
        return value ? "1" : "0";
    }

    /** Whole numbers without a trailing ".0" (as R writes them); others with full round-trip precision. */
    private static String number(Double value) {
        if (value == null) {
            return "NA";
        }
        double v = value;
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /**
     * Where each column of {@link #HEADER} is in the file (-1: an optional column it lacks). Columns are
     * found by name, in any order; a required one missing, an unknown or a repeated name stops the read,
     * because a misspelt header would otherwise drop a column without anyone noticing.
     */
    private static int[] columnPositions(CSVRecord header) {
        int[] at = new int[HEADER.size()];
        java.util.Arrays.fill(at, -1);
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String found = header.get(i).strip();
            if (i == 0 && !found.isEmpty() && found.charAt(0) == '\uFEFF') {
                found = found.substring(1).strip(); // byte-order mark written by spreadsheet programs
            }
            int j = HEADER.indexOf(found);
            if (j < 0) {
                unknown.add("'" + found + "'");
            } else if (at[j] >= 0) {
                throw new AnalysisDataException(1, found, "appears twice in the header (columns " + (at[j] + 1)
                        + " and " + (i + 1) + ")");
            } else {
                at[j] = i;
            }
        }
        String also = unknown.isEmpty() ? "" : " (the header has the unknown column" + (unknown.size() > 1 ? "s " : " ")
                + String.join(", ", unknown) + ")";
        for (int j = 0; j < REQUIRED.size(); j++) {
            if (at[j] < 0) {
                throw new AnalysisDataException(1, REQUIRED.get(j), "the required column is missing" + also
                        + "; required: " + String.join(",", REQUIRED));
            }
        }
        if (!unknown.isEmpty()) {
            throw new AnalysisDataException(1, null, "unknown column" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; allowed besides the required ones: " + String.join(", ", OPTIONAL));
        }
        return at;
    }

    private static AnalysisEpisode parseRow(CSVRecord r, long line, int[] at) {
        if (r.size() != expectedCells(at)) {
            throw new AnalysisDataException(line, null, "expected " + expectedCells(at) + " columns, found " + r.size());
        }
        String id = r.get(at[0]);
        if (id.isEmpty() || "NA".equals(id)) {
            throw new AnalysisDataException(line, "episode_id", "is required but missing");
        }
        boolean movement = flag(r.get(at[1]), line, "f_movement");
        boolean mobility = flag(r.get(at[2]), line, "f_mobility");
        boolean strength = flag(r.get(at[3]), line, "f_strength");
        boolean recovery = flag(r.get(at[4]), line, "f_recovery");
        boolean beliefs = flag(r.get(at[5]), line, "f_beliefs");
        Double age = optionalNumber(r.get(at[6]), line, "age", 0, 120);
        Sex sex = SEX.read(r.get(at[7]), line);
        Chronicity chronicity = CHRONICITY.read(r.get(at[8]), line);
        Double nprs = optionalNumber(r.get(at[9]), line, "baseline_nprs", 0, 10);
        Double odi = optionalNumber(r.get(at[10]), line, "baseline_odi", 0, 100);
        Double fabq = optionalNumber(r.get(at[11]), line, "fabq_pa", 0, 24);
        StartBackRisk startBack = START_BACK.read(r.get(at[12]), line);
        String prior = r.get(at[13]);
        Integer priorEpisodes = isMissing(prior) ? null : count(prior, line, "prior_episodes");
        String visits = r.get(at[14]);
        if (isMissing(visits)) {
            throw new AnalysisDataException(line, "visits", "is required but missing");
        }
        int visitCount = count(visits, line, "visits");
        String time = r.get(at[15]);
        if (isMissing(time)) {
            throw new AnalysisDataException(line, "time_days", "is required but missing");
        }
        double timeDays = number(time, line, "time_days");
        if (!(timeDays >= 0) || Double.isInfinite(timeDays)) {
            throw new AnalysisDataException(line, "time_days", "must be a finite number >= 0, was " + time);
        }
        boolean recurred = flag(r.get(at[16]), line, "recurred");
        String therapist = at[17] < 0 ? null : optionalCode(r.get(at[17]), line, AnalysisDataset.THERAPIST_ID);
        String location = at[18] < 0 ? null : optionalCode(r.get(at[18]), line, AnalysisDataset.LOCATION_ID);
        Boolean recovered = at[19] < 0 || isMissing(r.get(at[19])) ? null : flag(r.get(at[19]), line, AnalysisDataset.RECOVERED);
        if (recurred && Boolean.FALSE.equals(recovered)) {
            throw new AnalysisDataException(line, AnalysisDataset.RECOVERED,
                    "must be 1 or NA when recurred is 1 (a recurrence follows recovery, Stanton 2011), was 0");
        }
        return new AnalysisEpisode(id, movement, mobility, strength, recovery, beliefs, age, sex, chronicity,
                nprs, odi, fabq, startBack, priorEpisodes, visitCount, timeDays, recurred, therapist, location, recovered);
    }

    private static int expectedCells(int[] at) {
        int cells = REQUIRED.size();
        for (int j = REQUIRED.size(); j < at.length; j++) {
            cells += at[j] >= 0 ? 1 : 0;
        }
        return cells;
    }

    private static String optionalCode(String cell, long line, String column) {
        String code = cell.strip();
        if (isMissing(code)) {
            return null;
        }
        if (code.length() > MAX_CODE_LENGTH) {
            throw new AnalysisDataException(line, column, "must be a code of at most " + MAX_CODE_LENGTH
                    + " characters, was " + code.length() + " characters long");
        }
        return code;
    }

    private static boolean isMissing(String cell) {
        return cell.isEmpty() || "NA".equals(cell);
    }

    private static boolean flag(String cell, long line, String column) {
        if ("1".equals(cell)) {
            return true;
        }
        if ("0".equals(cell)) {
            return false;
        }
        throw new AnalysisDataException(line, column, isMissing(cell)
                ? "is required but missing (must be 0 or 1)"
                : "must be 0 or 1, was '" + cell + "'");
    }

    private static double number(String cell, long line, String column) {
        // Most cells are short whole numbers; reading their digits directly skips the general parser.
        int length = cell.length();
        if (length > 0 && length <= 9) {
            int value = 0;
            int i = 0;
            for (; i < length; i++) {
                int digit = cell.charAt(i) - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                value = value * 10 + digit;
            }
            if (i == length) {
                return value;
            }
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new AnalysisDataException(line, column, "must be numeric, was '" + cell + "'");
        }
    }

    private static Double optionalNumber(String cell, long line, String column, double min, double max) {
        if (isMissing(cell)) {
            return null;
        }
        double v = number(cell, line, column);
        if (!(v >= min && v <= max)) {
            throw new AnalysisDataException(line, column, "must be between " + format(min) + " and " + format(max)
                    + ", was " + cell);
        }
        int whole = (int) v;
        return whole == v && whole < WHOLE.length && Double.doubleToRawLongBits(v) != Long.MIN_VALUE ? WHOLE[whole] : Double.valueOf(v);
    }

    private static int count(String cell, long line, String column) {
        try {
            int v = Integer.parseInt(cell);
            if (v < 0) {
                throw new AnalysisDataException(line, column, "must be an integer >= 0, was " + cell);
            }
            return v;
        } catch (NumberFormatException e) {
            double v = number(cell, line, column);
            if (v >= 0 && v == Math.rint(v) && v <= Integer.MAX_VALUE) {
                return (int) v; // "3.0" as some spreadsheets write it
            }
            throw new AnalysisDataException(line, column, "must be an integer >= 0, was " + cell);
        }
    }

    /**
     * A categorical column: one cell spelling per constant, the one {@link #write} writes and {@link #read} accepts (so
     * the two cannot drift apart), with a missing value written as {@code NA} and read from {@code NA} or an empty
     * cell.
     */
    private static final class Category<E extends Enum<E>> {

        private final String column;
        private final Map<E, String> cells;
        private final Map<String, E> byCell = new HashMap<>();

        Category(String column, Class<E> type, Function<E, String> spelling) {
            this.column = column;
            this.cells = new EnumMap<>(type);
            for (E value : type.getEnumConstants()) {
                cells.put(value, spelling.apply(value));
                byCell.put(spelling.apply(value), value);
            }
        }

        String cell(E value) {
            return value == null ? "NA" : cells.get(value);
        }

        E read(String cell, long line) {
            if (cell.isEmpty() || "NA".equals(cell)) {
                return null;
            }
            E value = byCell.get(cell);
            if (value == null) {
                throw new AnalysisDataException(line, column, "unknown category '" + cell + "' (allowed: "
                        + String.join(", ", cells.values()) + ")");
            }
            return value;
        }
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }
}
