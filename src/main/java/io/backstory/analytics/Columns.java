package io.backstory.analytics;

import java.util.HashSet;
import java.util.Set;

/** Shared by the model fitters: validation of column-major covariates with one unique name each, row gathers. */
final class Columns {

    private Columns() {
    }

    /** {@code v[index[k]]} for each k: rows reordered or repeated ({@code null} stays {@code null}). */
    static double[] gather(double[] v, int[] index) {
        if (v == null || index == null) {
            return v;
        }
        double[] out = new double[index.length];
        for (int k = 0; k < index.length; k++) {
            out[k] = v[index[k]];
        }
        return out;
    }

    static int[] gather(int[] v, int[] index) {
        if (v == null || index == null) {
            return v;
        }
        int[] out = new int[index.length];
        for (int k = 0; k < index.length; k++) {
            out[k] = v[index[k]];
        }
        return out;
    }

    static boolean[] gather(boolean[] v, int[] index) {
        if (v == null || index == null) {
            return v;
        }
        boolean[] out = new boolean[index.length];
        for (int k = 0; k < index.length; k++) {
            out[k] = v[index[k]];
        }
        return out;
    }

    static int countTrue(boolean[] b) {
        int c = 0;
        for (boolean v : b) {
            c += v ? 1 : 0;
        }
        return c;
    }

    /**
     * Checks a group flag per row ({@code field}, one of n) with at least {@code minimum} rows in each group;
     * returns how many rows are flagged.
     */
    static int checkGroups(boolean[] flags, int n, String field, int minimum) {
        if (flags == null || flags.length != n) {
            throw new IllegalArgumentException(field + " must have one entry per row (" + n + ")");
        }
        int flagged = countTrue(flags);
        if (flagged < minimum || n - flagged < minimum) {
            throw new IllegalArgumentException(field + ": each group needs at least " + minimum + " row"
                    + (minimum > 1 ? "s" : "") + " (had " + flagged + " of " + n + " flagged)");
        }
        return flagged;
    }

    static void check(double[][] columns, String[] names, int n, String field) {
        if (columns == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        if (names == null || names.length != columns.length) {
            throw new IllegalArgumentException("names must have one entry per column of " + field + " ("
                    + columns.length + "), had " + (names == null ? "null" : names.length));
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < columns.length; j++) {
            if (names[j] == null || names[j].isBlank()) {
                throw new IllegalArgumentException("names[" + j + "] must be a non-blank name");
            }
            if (!seen.add(names[j])) {
                throw new IllegalArgumentException("names[" + j + "] '" + names[j] + "' is not unique");
            }
            if ("(intercept)".equals(names[j])) {
                throw new IllegalArgumentException("names[" + j + "] '(intercept)' is reserved for the model intercept");
            }
            double[] c = columns[j];
            if (c == null || c.length != n) {
                throw new IllegalArgumentException(field + "[" + j + "] ('" + names[j] + "') must have one value per row ("
                        + n + "), had " + (c == null ? "null" : c.length));
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(c[i])) {
                    throw new IllegalArgumentException(field + "[" + j + "][" + i + "] ('" + names[j]
                            + "') must be finite, was " + c[i]);
                }
            }
        }
    }
}
