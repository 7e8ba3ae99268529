package io.backstory.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Comparison with R reference values (1e-6 relative, COMMON.md) and loading of the R-written resources. */
final class RReference {

    static final double TOLERANCE = 1e-6;

    private RReference() {
    }

    /** Relative comparison; NaN matches NaN (R's NA/NaN) and infinities must match exactly. */
    static void assertClose(String what, double actual, double expected) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else if (Double.isInfinite(expected) || expected == 0) {
            assertThat(actual).as(what).isEqualTo(expected);
        } else {
            assertThat(Math.abs(actual - expected) / Math.abs(expected)).as(what + ": " + actual + " vs R " + expected)
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    /**
     * Compares a result record with the one R's values make, component by component: doubles by
     * {@link #assertClose}, everything else exactly, each failure naming its component.
     */
    static void assertCloseTo(Record actual, Record expected) {
        assertThat(actual).hasSameClassAs(expected);
        for (RecordComponent component : actual.getClass().getRecordComponents()) {
            Object a = value(component, actual);
            Object e = value(component, expected);
            if (a instanceof Double da && e instanceof Double de) {
                assertClose(component.getName(), da, de);
            } else {
                assertThat(a).as(component.getName()).isEqualTo(e);
            }
        }
    }

    private static Object value(RecordComponent component, Record of) {
        try {
            return component.getAccessor().invoke(of);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For p-values below 1e-10 COMMON.md allows comparing on the log scale. */
    static void assertCloseP(String what, double actual, double expected) {
        if (expected > 0 && expected < 1e-10) {
            assertClose(what + " (log)", Math.log(actual), Math.log(expected));
        } else {
            assertClose(what, actual, expected);
        }
    }

    static double parse(String cell) {
        return switch (cell) {
            case "NA", "NaN" -> Double.NaN;
            case "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(cell);
        };
    }

    /** Rows of a CSV resource written by reference.R (no quotes), header skipped. */
    static List<double[]> table(String resource) {
        try (InputStream in = RReference.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<double[]> rows = new ArrayList<>();
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = line.split(",");
                double[] row = new double[cells.length];
                for (int i = 0; i < cells.length; i++) {
                    row[i] = parse(cells[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 0 .. n-1 in a seeded random order (Fisher-Yates on java.util.Random), for tests that shuffle rows. */
    static int[] permutation(int n, long seed) {
        java.util.Random random = new java.util.Random(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    /** A survival dataset (time, status 0/1, integer group) dumped from R's survival package. */
    record SurvivalData(double[] time, boolean[] event, int[] group) {

        static SurvivalData load(String name) {
            List<double[]> rows = table(name + ".csv");
            int n = rows.size();
            double[] time = new double[n];
            boolean[] event = new boolean[n];
            int[] group = new int[n];
            for (int i = 0; i < n; i++) {
                time[i] = rows.get(i)[0];
                event[i] = rows.get(i)[1] == 1;
                group[i] = (int) rows.get(i)[2];
            }
            return new SurvivalData(time, event, group);
        }

        /** Same rows in a seeded random order. */
        SurvivalData shuffled(long seed) {
            return reordered(permutation(time.length, seed));
        }

        /** Same rows sorted by time, tied times in file order. */
        SurvivalData sortedByTime() {
            return reordered(java.util.stream.IntStream.range(0, time.length).boxed()
                    .sorted(java.util.Comparator.comparingDouble(i -> time[i])).mapToInt(Integer::intValue).toArray());
        }

        private SurvivalData reordered(int[] order) {
            int n = order.length;
            double[] t = new double[n];
            boolean[] e = new boolean[n];
            int[] g = new int[n];
            for (int i = 0; i < n; i++) {
                t[i] = time[order[i]];
                e[i] = event[order[i]];
                g[i] = group[order[i]];
            }
            return new SurvivalData(t, e, g);
        }
    }
}
