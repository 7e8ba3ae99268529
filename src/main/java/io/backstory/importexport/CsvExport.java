package io.backstory.importexport;

import org.jspecify.annotations.Nullable;

/** Writing CSV that spreadsheets open safely. */
final class CsvExport {

    private CsvExport() {
    }

    /**
     * CSV injection (OWASP): a cell starting with = + - @ or a tab or carriage return is run as a formula by
     * spreadsheets; a leading apostrophe makes it text. Imported cells are stored as they were; this is applied
     * whenever they leave the app again as CSV.
     */
    static String safe(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
    }
}
