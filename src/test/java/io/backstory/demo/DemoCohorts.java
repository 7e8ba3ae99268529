package io.backstory.demo;

import io.backstory.analytics.AnalysisEpisode;
import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * Test-side door to the package-private demo generator, so the analytics parity test and benchmark
 * can build their datasets with the same model (planted HR 0.75, confounding by indication) the
 * demo clinic uses, without widening the generator's production visibility.
 */
public final class DemoCohorts {

    /** A fixed "today" keeps generated cohorts identical from one run (and one year) to the next. */
    public static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    private DemoCohorts() {
    }

    /** Streams the analysis rows of {@code episodes} discharged episodes generated from {@code seed}. */
    public static void analysisRows(long seed, int episodes, Consumer<AnalysisEpisode> sink) {
        new DemoCohortGenerator(DemoCohortSpec.of(seed, episodes, TODAY)).analysisRows(sink);
    }
}
