package io.backstory.importexport;

import org.jspecify.annotations.Nullable;

/**
 * One thing wrong with an import, worded like the {@code analyze} CLI:
 * {@code visits.csv, line 12, column minutes: must be between 5 and 240, was 300}. Line 1 is the header;
 * line 0 means the file as a whole.
 */
public record ImportProblem(String file, long line, @Nullable String column, String rule) {

    public String message() {
        return file + (line > 0 ? ", line " + line : "") + (column == null ? "" : ", column " + column) + ": " + rule;
    }
}
