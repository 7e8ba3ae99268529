package io.backstory.analytics;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** A CSV from src/test/resources (written by r/datasets.R), read column-wise. */
record TestData(List<String> header, double[][] byColumn) {

    static TestData load(String resource) {
        try (Reader in = new InputStreamReader(TestData.class.getResourceAsStream("/io/backstory/analytics/models/" + resource),
                StandardCharsets.UTF_8)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
            List<String> header = parser.getHeaderNames();
            List<CSVRecord> rows = parser.getRecords();
            double[][] cols = new double[header.size()][rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                for (int j = 0; j < header.size(); j++) {
                    cols[j][i] = Double.parseDouble(rows.get(i).get(j));
                }
            }
            return new TestData(header, cols);
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    int rows() {
        return byColumn[0].length;
    }

    double[] column(String name) {
        int j = header.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("no column " + name);
        }
        return byColumn[j];
    }

    boolean[] flag(String name) {
        double[] c = column(name);
        boolean[] b = new boolean[c.length];
        for (int i = 0; i < c.length; i++) {
            b[i] = c[i] != 0;
        }
        return b;
    }

    double[][] columns(String... names) {
        List<double[]> out = new ArrayList<>();
        for (String n : names) {
            out.add(column(n));
        }
        return out.toArray(double[][]::new);
    }

    /**
     * This data with one more column, {@code a + b} row by row, as R's {@code d$name <- d$a + d$b}: a column exactly
     * collinear with two others, for the models' dropped-term tests.
     */
    TestData withSum(String name, String a, String b) {
        double[] x = column(a);
        double[] y = column(b);
        double[] sum = new double[x.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = x[i] + y[i];
        }
        List<String> names = new ArrayList<>(header);
        names.add(name);
        List<double[]> cols = new ArrayList<>(List.of(byColumn));
        cols.add(sum);
        return new TestData(List.copyOf(names), cols.toArray(double[][]::new));
    }
}
