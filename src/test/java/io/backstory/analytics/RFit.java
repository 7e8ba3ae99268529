package io.backstory.analytics;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * One model fit from a table that models/r/reference.R writes (cox-reference.csv, glm-reference.csv): the R call that
 * ran, in column {@code r_call}, and one row a term, the fit's own figures (log-likelihoods, deviances, iterations)
 * repeated on each of its rows. The tests read the numbers from where R wrote them instead of copying them by hand.
 */
record RFit(String call, List<Map<String, String>> rows) {

    /** The fits of a table in the order R wrote them. */
    static Stream<RFit> read(String resource) {
        String path = "/io/backstory/analytics/models/" + resource;
        try (Reader in = new InputStreamReader(RFit.class.getResourceAsStream(path), StandardCharsets.UTF_8)) {
            Map<String, List<Map<String, String>>> byCall = new LinkedHashMap<>();
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                byCall.computeIfAbsent(row.get("r_call"), call -> new ArrayList<>()).add(row.toMap());
            }
            return byCall.entrySet().stream().map(e -> new RFit(e.getKey(), List.copyOf(e.getValue())));
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    /** The fit of {@code resource} whose R call is {@code call}. */
    static RFit of(String resource, String call) {
        return read(resource).filter(fit -> fit.call.equals(call)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(resource + " has no fit " + call));
    }

    /** A figure of the whole fit, the same on every row. */
    String text(String column) {
        return rows.get(0).get(column);
    }

    double value(String column) {
        return Double.parseDouble(text(column));
    }

    /** The terms in R's order (for glm the first is {@code (Intercept)}). */
    String[] terms() {
        return rows.stream().map(row -> row.get("term")).toArray(String[]::new);
    }

    /** A column term by term, in the order of {@link #terms()}. */
    double[] perTerm(String column) {
        return rows.stream().mapToDouble(row -> Double.parseDouble(row.get(column))).toArray();
    }

    /** A column's value for one term. */
    double perTerm(String column, String term) {
        return rows.stream().filter(row -> row.get("term").equals(term))
                .mapToDouble(row -> Double.parseDouble(row.get(column))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(call + " has no term " + term));
    }

    @Override
    public String toString() {
        return call;
    }
}
