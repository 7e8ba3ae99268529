package io.backstory.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The R reference values of the Cox-engine extensions: models/extensions-reference.csv, written by
 * models/r/extensions.R (R 4.2.2, survival 3.5-3). Each row is one value of one case (one R call), with the
 * call that produced it in the row's {@code r_call} column; {@link #assertFit} compares a Java fit with every
 * value of its case, so a case's R call is the single place that says what the Java configuration must be.
 */
final class ExtensionsReference {

    private static final Map<String, Map<String, Double>> VALUES = new LinkedHashMap<>();
    private static final Map<String, String> CALLS = new LinkedHashMap<>();

    static {
        try (Reader in = new InputStreamReader(ExtensionsReference.class.getResourceAsStream(
                "/io/backstory/analytics/models/extensions-reference.csv"), StandardCharsets.UTF_8)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
            for (CSVRecord r : parser) {
                VALUES.computeIfAbsent(r.get("case"), k -> new LinkedHashMap<>())
                        .put(r.get("key"), RReference.parse(r.get("value")));
                CALLS.putIfAbsent(r.get("case"), r.get("r_call"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ExtensionsReference() {
    }

    /** All values of a case, by key. */
    static Map<String, Double> values(String rCase) {
        Map<String, Double> v = VALUES.get(rCase);
        if (v == null) {
            throw new IllegalArgumentException("no R reference case " + rCase);
        }
        return v;
    }

    static double value(String rCase, String key) {
        Double v = values(rCase).get(key);
        if (v == null) {
            throw new IllegalArgumentException("no key " + key + " in R reference case " + rCase);
        }
        return v;
    }

    /** The first R call of the case (for messages). */
    static String call(String rCase) {
        return CALLS.get(rCase);
    }

    /**
     * Every coefficient, standard error (robust when R's is), log-likelihood, score test, iteration count,
     * row and event count and cluster count of the case against the fit; and, when the fit carries a PH
     * test, every {@code zph.*} value of {@code zphCase}.
     */
    static void assertFit(String rCase, CoxResult r) {
        String what = rCase + " [" + call(rCase) + "]";
        int coefficients = 0;
        for (Map.Entry<String, Double> e : values(rCase).entrySet()) {
            String key = e.getKey();
            double expected = e.getValue();
            if (key.startsWith("coef.")) {
                RReference.assertClose(what + " " + key, r.term(key.substring(5)).coef(), expected);
                coefficients++;
            } else if (key.startsWith("se.")) {
                RReference.assertClose(what + " " + key, r.term(key.substring(3)).se(), expected);
            } else if (key.equals("loglik0")) {
                RReference.assertClose(what + " loglik null", r.loglikNull(), expected);
            } else if (key.equals("loglik1")) {
                RReference.assertClose(what + " loglik", r.loglik(), expected);
            } else if (key.equals("score")) {
                RReference.assertClose(what + " score test", r.scoreTest(), expected);
            } else if (key.equals("iter")) {
                assertThat(r.iterations()).as(what + " iterations").isEqualTo((int) expected);
            } else if (key.equals("n")) {
                assertThat(r.n()).as(what + " n").isEqualTo((int) expected);
            } else if (key.equals("nevent")) {
                assertThat(r.events()).as(what + " events").isEqualTo((int) expected);
            } else if (key.equals("nclusters")) {
                assertThat(r.clusters()).as(what + " clusters").isEqualTo((int) expected);
            }
        }
        assertThat(r.terms()).as(what + " estimated terms").hasSize(coefficients);
        assertThat(r.converged()).as(what + " converged").isTrue();
    }

    /** Every {@code zph.chisq|df|p.<term>} of the case (terms and GLOBAL) against the test. */
    static void assertPhTest(String rCase, PhTestResult t) {
        String what = rCase + " [" + call(rCase) + "]";
        int rows = 0;
        for (Map.Entry<String, Double> e : values(rCase).entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("zph.")) {
                continue;
            }
            String[] parts = key.split("\\.", 3);
            PhTestTerm term = t.term(parts[2]);
            switch (parts[1]) {
                case "chisq" -> {
                    RReference.assertClose(what + " " + key, term.chisq(), e.getValue());
                    rows++;
                }
                case "df" -> assertThat(term.df()).as(what + " " + key).isEqualTo(e.getValue().intValue());
                case "p" -> RReference.assertCloseP(what + " " + key, term.p(), e.getValue());
                default -> throw new IllegalStateException(key);
            }
        }
        assertThat(t.terms().size() + 1).as(what + " rows").isEqualTo(rows);
    }
}
