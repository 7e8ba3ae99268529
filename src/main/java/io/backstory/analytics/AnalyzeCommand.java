package io.backstory.analytics;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code java -jar backstory.jar analyze DATASET.csv [--horizon DAYS] [--isolated-max-breadth K] [--check-in-days 30,91,183,365] [--recovery-days 30] [--json]}:
 * the dashboard's analysis on an exported dataset, with no database and no web server, so anyone
 * can reproduce the recurrence report outside the app.
 */
public final class AnalyzeCommand {

    static final String USAGE = "usage: analyze DATASET.csv [--horizon DAYS] [--isolated-max-breadth K] "
            + "[--check-in-days 30,91,183,365] [--recovery-days 30] [--json]";

    private AnalyzeCommand() {
    }

    /** Runs the command; returns the process exit code (0 ok, 2 bad arguments or input). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        boolean json = false;
        RecurrenceAnalysis analysis = RecurrenceAnalysis.withDefaults();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--json" -> json = true;
                    case "--horizon" -> analysis = analysis.withHorizonDays(intArgument(args, ++i, "--horizon"));
                    case "--isolated-max-breadth" -> analysis = analysis.withIsolatedMaxBreadth(intArgument(args, ++i, "--isolated-max-breadth"));
                    case "--check-in-days" -> analysis = analysis.withCheckInDays(intList(args, ++i, "--check-in-days"));
                    case "--recovery-days" -> analysis = analysis.withRecoveryDays(intArgument(args, ++i, "--recovery-days"));
                    default -> {
                        if (args[i].startsWith("--") || file != null) {
                            throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                        }
                        file = Path.of(args[i]);
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("the dataset file is missing");
            }
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read " + file);
            }
            AnalysisDataset dataset = AnalysisCsv.readDataset(file);
            AnalysisReport report = analysis.analyze(dataset);
            out.println(json ? report.toJson() : AnalysisText.write(report));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("analyze: " + e.getMessage());
            if (!(e instanceof AnalysisDataException)) {
                err.println(USAGE);
            }
            return 2;
        }
    }

    private static int intArgument(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a whole number");
        }
        try {
            return Integer.parseInt(args[i]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, was '" + args[i] + "'");
        }
    }

    private static int[] intList(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs whole numbers separated by commas, e.g. 30,91,183,365");
        }
        try {
            return java.util.Arrays.stream(args[i].split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs whole numbers separated by commas, was '" + args[i] + "'");
        }
    }

    static String format(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }
}
