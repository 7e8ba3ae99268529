package io.backstory.analytics;

import io.backstory.demo.DemoCohorts;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The cohort of the full-pipeline parity test (src/test/resources/io/backstory/analytics/pipeline/cohort.csv):
 * 3,000 discharged episodes from the demo clinic's model, then made as untidy as real exports are, because
 * those are the paths where a pipeline and R most easily part ways:
 * <ul>
 *   <li>about 3 % of episodes lose one covariate (NA), so every adjusted model runs on complete cases;</li>
 *   <li>besides the generator's own 366-day check-ins, about 15 % of the episodes followed for the whole year
 *       get follow-up beyond the 365-day horizon, some with a recurrence seen only after it, which the horizon
 *       truncation must turn into censoring; a few late recurrences fall on the horizon day itself.</li>
 * </ul>
 * Regenerate with {@code java -cp target/test-classes:target/classes:$CP io.backstory.analytics.PipelineCohort}
 * then rerun reference.R beside the CSV; {@code RecurrenceAnalysisRTest} checks the committed file is still
 * what this class produces.
 */
final class PipelineCohort {

    static final long SEED = 20261128L;
    static final int EPISODES = 3000;
    static final int HORIZON = 365;
    static final String RESOURCE = "pipeline/cohort.csv";

    private PipelineCohort() {
    }

    static List<AnalysisEpisode> rows() {
        List<AnalysisEpisode> generated = new ArrayList<>(EPISODES);
        DemoCohorts.analysisRows(SEED, EPISODES, generated::add);
        SplittableRandom random = new SplittableRandom(SEED + 1);
        List<AnalysisEpisode> out = new ArrayList<>(generated.size());
        for (AnalysisEpisode e : generated) {
            Double age = e.age();
            Sex sex = e.sex();
            Chronicity chronicity = e.chronicity();
            Double nprs = e.baselineNprs();
            Double odi = e.baselineOdi();
            Double fabq = e.fabqPa();
            StartBackRisk startBack = e.startBack();
            Integer prior = e.priorEpisodes();
            if (random.nextDouble() < 0.03) {
                switch (random.nextInt(8)) {
                    case 0 -> age = null;
                    case 1 -> sex = null;
                    case 2 -> chronicity = null;
                    case 3 -> nprs = null;
                    case 4 -> odi = null;
                    case 5 -> fabq = null;
                    case 6 -> startBack = null;
                    default -> prior = null;
                }
            }
            double time = e.timeDays();
            boolean recurred = e.recurred();
            if (!recurred && time >= HORIZON && random.nextDouble() < 0.15) {
                time = HORIZON + 1 + random.nextInt(400);
                recurred = random.nextDouble() < 0.3;
            } else if (recurred && time > 300 && random.nextDouble() < 0.2) {
                time = HORIZON; // a recurrence on the horizon day itself still counts
            }
            out.add(new AnalysisEpisode(e.episodeId(), e.movement(), e.mobility(), e.strength(), e.recovery(),
                    e.beliefs(), age, sex, chronicity, nprs, odi, fabq, startBack, prior, e.visits(), time, recurred));
        }
        return out;
    }

    static String csv() {
        StringWriter w = new StringWriter();
        AnalysisCsv.write(w, new AnalysisDataset(rows(), java.util.Set.of())); // the 17 columns of DESIGN §4
        return w.toString();
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "src/test/resources/io/backstory/analytics/" + RESOURCE);
        Files.createDirectories(file.getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(csv());
        }
        System.out.println("wrote " + file);
    }
}
