package io.backstory.importexport;

import io.backstory.base.UserFacingException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads one uploaded CSV file defensively, record by record (never whole): UTF-8 only (a byte that is not
 * UTF-8 stops the file with a message saying how to save it), a byte-order mark skipped, the separator
 * ({@code ,} {@code ;} or tab) taken from the header line, quoted cells that span lines, and a bound on the
 * size of one record so a 10 MB cell or a quote never closed ends with a message instead of filling the heap.
 */
final class CsvTable implements Closeable {

    /** Characters one record may hold: far above any real row (a visit note is at most 2,000), far below the heap. */
    static final int MAX_RECORD_CHARS = 1 << 20;

    /**
     * A problem that stops reading the file (encoding, a record too long, a broken quote): a translations key and
     * its arguments, so the dry run words it in the importing user's language; the message is the English text.
     */
    static final class FileProblem extends RuntimeException {
        final long line;
        final UserFacingException.Problem rule;

        FileProblem(long line, String key, Object... args) {
            this(line, new UserFacingException.Problem(key, args));
        }

        private FileProblem(long line, UserFacingException.Problem rule) {
            super(rule.toString());
            this.line = line;
            this.rule = rule;
        }
    }

    /** A row: the cells of the mapped fields, by field name, and the line the record starts on. */
    record Row(long line, Map<String, String> cells) {
        String get(String field) {
            String v = cells.get(field);
            return v == null ? "" : v.strip();
        }
    }

    private final BoundedReader reader;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final char delimiter;
    private final List<String> header;
    private long lastEndLine;

    private CsvTable(BoundedReader reader, char delimiter) throws IOException {
        this.reader = reader;
        this.delimiter = delimiter;
        this.parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get().parse(reader);
        this.records = parser.iterator();
        CSVRecord first = next0();
        if (first == null) {
            throw new FileProblem(1, "import.file.empty");
        }
        List<String> h = new ArrayList<>();
        for (String cell : first) {
            h.add(cell.strip());
        }
        this.header = List.copyOf(h);
        lastEndLine = parser.getCurrentLineNumber();
    }

    static CsvTable open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(1 << 16);
            byte[] head = raw.readNBytes(1 << 16);
            raw.reset();
            char delimiter = sniffDelimiter(head);
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            return new CsvTable(new BoundedReader(new InputStreamReader(raw, decoder)), delimiter);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    List<String> header() {
        return header;
    }

    char delimiter() {
        return delimiter;
    }

    /**
     * Each data record as a row of the fields in {@code columns} (field name to its index in the header).
     * A record with another number of cells than the header is reported through {@code wrongWidth}.
     */
    void rows(Map<String, Integer> columns, Consumer<Row> sink, Consumer<Row> wrongWidth) {
        CSVRecord next;
        while ((next = next0()) != null) {
            CSVRecord r = next;
            long line = lastEndLine + 1;
            lastEndLine = parser.getCurrentLineNumber();
            Map<String, String> cells = new HashMap<>(columns.size() * 2);
            if (r.size() != header.size()) {
                cells.put("#cells", String.valueOf(r.size()));
                wrongWidth.accept(new Row(line, cells));
                continue;
            }
            columns.forEach((field, at) -> cells.put(field, r.get(at)));
            sink.accept(new Row(line, cells));
        }
    }

    private @Nullable CSVRecord next0() {
        reader.newRecord();
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            throw translate(e.getCause());
        } catch (IllegalStateException e) {
            // commons-csv reports an unterminated quote or a character after a closing quote this way
            throw e.getCause() instanceof IOException io ? translate(io)
                    : new FileProblem(lastEndLine + 1, "import.file.malformed", String.valueOf(e.getMessage()));
        }
    }

    private FileProblem translate(IOException e) {
        long line = lastEndLine + 1; // where the record being read starts
        if (causedBy(e, CharacterCodingException.class)) {
            return new FileProblem(line, "import.file.notUtf8");
        }
        if (causedBy(e, RecordTooLong.class)) {
            return new FileProblem(line, "import.file.recordTooLong", MAX_RECORD_CHARS);
        }
        if (e.getMessage() != null && e.getMessage().contains("EOF reached before encapsulated token finished")) {
            return new FileProblem(line, "import.file.unclosedQuote");
        }
        return new FileProblem(line, "import.file.malformed", String.valueOf(e.getMessage()));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** The separator with most occurrences outside quotes on the first line; a comma when there are none. */
    static char sniffDelimiter(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                if (c == ',') {
                    comma++;
                } else if (c == ';') {
                    semicolon++;
                } else if (c == '\t') {
                    tab++;
                }
            }
        }
        if (semicolon > comma && semicolon >= tab) {
            return ';';
        }
        return tab > comma ? '\t' : ',';
    }

    /** Normalised header cell for matching: case, spaces and a byte-order mark do not matter. */
    static String key(String headerCell) {
        return headerCell.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
    }

    private static final class RecordTooLong extends IOException {
        RecordTooLong() {
            super("record too long");
        }
    }

    /** Counts characters since the parser asked for the current record; skips a leading byte-order mark. */
    private static final class BoundedReader extends FilterReader {
        private long sinceRecord;
        private boolean first = true;

        BoundedReader(Reader in) {
            super(in);
        }

        void newRecord() {
            sinceRecord = 0;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0];
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0 && first) {
                first = false;
                if (buf[off] == '\uFEFF') {
                    System.arraycopy(buf, off + 1, buf, off, n - 1);
                    n--;
                    if (n == 0) {
                        return read(buf, off, len);
                    }
                }
            }
            if (n > 0) {
                sinceRecord += n;
                if (sinceRecord > MAX_RECORD_CHARS + (1 << 16)) {
                    throw new RecordTooLong();
                }
            }
            return n;
        }
    }
}
