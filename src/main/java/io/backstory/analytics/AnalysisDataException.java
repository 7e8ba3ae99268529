package io.backstory.analytics;

/**
 * A row of the analysis dataset breaks the CSV contract of DESIGN §4. The message names the line
 * (1-based, the header is line 1), the column and the rule, e.g.
 * {@code line 12, column age: must be between 0 and 120, was 130}.
 */
public class AnalysisDataException extends IllegalArgumentException {

    private final long line;
    private final String column;

    public AnalysisDataException(long line, String column, String rule) {
        super("line " + line + (column == null ? "" : ", column " + column) + ": " + rule);
        this.line = line;
        this.column = column;
    }

    /** 1-based line number; the header is line 1. */
    public long line() {
        return line;
    }

    /** Column name, or null when the whole row is at fault (wrong number of cells). */
    public String column() {
        return column;
    }
}
