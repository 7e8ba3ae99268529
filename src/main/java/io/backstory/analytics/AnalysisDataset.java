package io.backstory.analytics;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The analysis dataset as read, with the optional columns (therapist, location, recovery) its file had,
 * so that the analysis can say what it could not check instead of silently skipping it: without
 * {@code therapist_id} nothing can account for a therapist who both prefers broad plans and has patients
 * who recur less; without {@code recovered} persistent pain stays invisible.
 *
 * @param episodes        the rows, in file order
 * @param optionalColumns which of {@link AnalysisCsv#OPTIONAL} the header had
 */
public record AnalysisDataset(List<AnalysisEpisode> episodes, Set<String> optionalColumns) {

    public static final String THERAPIST_ID = "therapist_id";
    public static final String LOCATION_ID = "location_id";
    public static final String RECOVERED = "recovered";

    public AnalysisDataset {
        episodes = List.copyOf(episodes);
        optionalColumns = Set.copyOf(optionalColumns);
        for (String c : optionalColumns) {
            if (!AnalysisCsv.OPTIONAL.contains(c)) {
                throw new IllegalArgumentException("optionalColumns: unknown column '" + c + "' (allowed: "
                        + String.join(", ", AnalysisCsv.OPTIONAL) + ")");
            }
        }
    }

    /**
     * Episodes built in memory (e.g. from the database): an optional column counts as present when at
     * least one episode has a value in it.
     */
    public static AnalysisDataset of(List<AnalysisEpisode> episodes) {
        Set<String> present = new LinkedHashSet<>();
        for (AnalysisEpisode e : episodes) {
            if (e.therapistId() != null) {
                present.add(THERAPIST_ID);
            }
            if (e.locationId() != null) {
                present.add(LOCATION_ID);
            }
            if (e.recovered() != null) {
                present.add(RECOVERED);
            }
        }
        return new AnalysisDataset(episodes, present);
    }

    public boolean hasColumn(String name) {
        return optionalColumns.contains(name);
    }

    /**
     * Whether the therapist can be accounted for: the column is present and every episode has a code
     * (a stratified or clustered model cannot use an episode without one).
     */
    public boolean therapistKnown() {
        return hasColumn(THERAPIST_ID) && episodes.stream().allMatch(e -> e.therapistId() != null);
    }

    /** Episodes whose recovery status is known (recovered or not), 0 without the column. */
    public int recoveryKnown() {
        int known = 0;
        for (AnalysisEpisode e : episodes) {
            known += e.recovered() != null ? 1 : 0;
        }
        return known;
    }
}
