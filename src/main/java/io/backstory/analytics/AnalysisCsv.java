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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

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
 * <p>Line numbers are file lines (blank lines, which are skipped, still count); for a record whose quoted
 * cell spans lines it is the line where the record ends. The export never writes such cells.
 */
public final class AnalysisCsv {

    /** The header, in this exact order. */
    public static final List<String> HEADER = List.of(
            "episode_id", "f_movement", "f_mobility", "f_strength", "f_recovery", "f_beliefs",
            "age", "sex", "chronicity", "baseline_nprs", "baseline_odi", "fabq_pa", "startback",
            "prior_episodes", "visits", "time_days", "recurred");

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

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private AnalysisCsv() {
    }

    public static List<AnalysisEpisode> read(Reader reader) {
        List<AnalysisEpisode> episodes = new ArrayList<>();
        forEach(reader, episodes::add);
        return episodes;
    }

    public static List<AnalysisEpisode> read(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Streams the rows to {@code consumer} without holding the whole file; validation as {@link #read}. */
    public static void forEach(Reader reader, Consumer<AnalysisEpisode> consumer) {
        Reader buffered = reader instanceof BufferedReader ? reader : new BufferedReader(reader, 1 << 16);
        long lastLine = 0;
        try (CSVParser parser = CSVParser.builder().setReader(buffered).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new AnalysisDataException(1, null, "the header is missing (empty file)");
            }
            checkHeader(records.next());
            lastLine = 1;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                lastLine = parser.getCurrentLineNumber();
                consumer.accept(parseRow(record, lastLine));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the analysis dataset", e);
        } catch (UncheckedIOException e) {
            // commons-csv wraps its parse errors (e.g. an unterminated quote) in UncheckedIOException.
            throw new AnalysisDataException(lastLine + 1, null, "malformed CSV: " + e.getCause().getMessage());
        }
    }

    public static void write(Writer writer, List<AnalysisEpisode> episodes) {
        try {
            CSVPrinter printer = new CSVPrinter(writer, FORMAT);
            printer.printRecord(HEADER);
            Object[] row = new Object[HEADER.size()];
            for (AnalysisEpisode e : episodes) {
                row[0] = e.episodeId();
                row[1] = bit(e.movement());
                row[2] = bit(e.mobility());
                row[3] = bit(e.strength());
                row[4] = bit(e.recovery());
                row[5] = bit(e.beliefs());
                row[6] = number(e.age());
                row[7] = e.sex() == null ? "NA" : e.sex().name();
                row[8] = e.chronicity() == null ? "NA" : e.chronicity().name().toLowerCase(Locale.ROOT);
                row[9] = number(e.baselineNprs());
                row[10] = number(e.baselineOdi());
                row[11] = number(e.fabqPa());
                row[12] = e.startBack() == null ? "NA" : e.startBack().name().toLowerCase(Locale.ROOT);
                row[13] = e.priorEpisodes() == null ? "NA" : e.priorEpisodes().toString();
                row[14] = Integer.toString(e.visits());
                row[15] = number(e.timeDays());
                row[16] = bit(e.recurred());
                printer.printRecord(row);
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the analysis dataset", e);
        }
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

    private static void checkHeader(CSVRecord header) {
        for (int i = 0; i < HEADER.size(); i++) {
            String expected = HEADER.get(i);
            if (i >= header.size()) {
                throw new AnalysisDataException(1, expected, "header column " + (i + 1) + " is missing; expected the header "
                        + String.join(",", HEADER));
            }
            String found = header.get(i).strip();
            if (i == 0 && !found.isEmpty() && found.charAt(0) == '\uFEFF') {
                found = found.substring(1); // byte-order mark written by spreadsheet programs
            }
            if (!found.equals(expected)) {
                throw new AnalysisDataException(1, expected, "header column " + (i + 1) + " must be '" + expected
                        + "', found '" + found + "'");
            }
        }
        if (header.size() > HEADER.size()) {
            throw new AnalysisDataException(1, header.get(HEADER.size()), "unexpected extra header column "
                    + (HEADER.size() + 1) + "; expected exactly " + HEADER.size() + " columns");
        }
    }

    private static AnalysisEpisode parseRow(CSVRecord r, long line) {
        if (r.size() != HEADER.size()) {
            throw new AnalysisDataException(line, null, "expected " + HEADER.size() + " columns, found " + r.size());
        }
        String id = r.get(0);
        if (id.isEmpty() || "NA".equals(id)) {
            throw new AnalysisDataException(line, "episode_id", "is required but missing");
        }
        boolean movement = flag(r.get(1), line, "f_movement");
        boolean mobility = flag(r.get(2), line, "f_mobility");
        boolean strength = flag(r.get(3), line, "f_strength");
        boolean recovery = flag(r.get(4), line, "f_recovery");
        boolean beliefs = flag(r.get(5), line, "f_beliefs");
        Double age = optionalNumber(r.get(6), line, "age", 0, 120);
        Sex sex = optionalSex(r.get(7), line);
        Chronicity chronicity = optionalChronicity(r.get(8), line);
        Double nprs = optionalNumber(r.get(9), line, "baseline_nprs", 0, 10);
        Double odi = optionalNumber(r.get(10), line, "baseline_odi", 0, 100);
        Double fabq = optionalNumber(r.get(11), line, "fabq_pa", 0, 24);
        StartBackRisk startBack = optionalStartBack(r.get(12), line);
        String prior = r.get(13);
        Integer priorEpisodes = isMissing(prior) ? null : count(prior, line, "prior_episodes");
        String visits = r.get(14);
        if (isMissing(visits)) {
            throw new AnalysisDataException(line, "visits", "is required but missing");
        }
        int visitCount = count(visits, line, "visits");
        String time = r.get(15);
        if (isMissing(time)) {
            throw new AnalysisDataException(line, "time_days", "is required but missing");
        }
        double timeDays = number(time, line, "time_days");
        if (!(timeDays >= 0) || Double.isInfinite(timeDays)) {
            throw new AnalysisDataException(line, "time_days", "must be a finite number >= 0, was " + time);
        }
        boolean recurred = flag(r.get(16), line, "recurred");
        return new AnalysisEpisode(id, movement, mobility, strength, recovery, beliefs, age, sex, chronicity,
                nprs, odi, fabq, startBack, priorEpisodes, visitCount, timeDays, recurred);
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

    private static Sex optionalSex(String cell, long line) {
        return switch (cell) {
            case "", "NA" -> null;
            case "F" -> Sex.F;
            case "M" -> Sex.M;
            case "X" -> Sex.X;
            default -> throw new AnalysisDataException(line, "sex", "unknown category '" + cell + "' (allowed: F, M, X)");
        };
    }

    private static Chronicity optionalChronicity(String cell, long line) {
        return switch (cell) {
            case "", "NA" -> null;
            case "acute" -> Chronicity.ACUTE;
            case "subacute" -> Chronicity.SUBACUTE;
            case "chronic" -> Chronicity.CHRONIC;
            default -> throw new AnalysisDataException(line, "chronicity",
                    "unknown category '" + cell + "' (allowed: acute, subacute, chronic)");
        };
    }

    private static StartBackRisk optionalStartBack(String cell, long line) {
        return switch (cell) {
            case "", "NA" -> null;
            case "low" -> StartBackRisk.LOW;
            case "medium" -> StartBackRisk.MEDIUM;
            case "high" -> StartBackRisk.HIGH;
            default -> throw new AnalysisDataException(line, "startback",
                    "unknown category '" + cell + "' (allowed: low, medium, high)");
        };
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }
}
