package io.backstory.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AnalysisCsvTest {

    static final String HEADER = "episode_id,f_movement,f_mobility,f_strength,f_recovery,f_beliefs,age,sex,chronicity,"
            + "baseline_nprs,baseline_odi,fabq_pa,startback,prior_episodes,visits,time_days,recurred";
    static final String VALID = "E1,1,0,1,0,1,54,F,chronic,6,38,15,high,2,8,139,1";

    static List<AnalysisEpisode> sample() {
        return List.of(
                new AnalysisEpisode("E1", true, false, true, false, true, 54.0, Sex.F, Chronicity.CHRONIC,
                        6.0, 38.0, 15.0, StartBackRisk.HIGH, 2, 8, 139.0, true),
                new AnalysisEpisode("E-2, \"quoted\"", false, false, false, false, false, 31.5, Sex.M, Chronicity.ACUTE,
                        3.0, 12.5, 4.0, StartBackRisk.LOW, 0, 3, 365.0, false),
                new AnalysisEpisode("E3", false, true, true, true, true, null, Sex.X, null,
                        null, 44.0, null, null, null, 12, 0.5, false),
                new AnalysisEpisode("E4", true, true, false, false, false, 40.0, Sex.F, Chronicity.SUBACUTE,
                        5.0, 30.0, 10.0, StartBackRisk.MEDIUM, 1, 6, 91.0, false, "T3", "L1", false));
    }

    /** What reading {@code csv} throws: a data error that says where the file breaks the contract. */
    static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String csv) {
        return assertThatThrownBy(() -> AnalysisCsv.read(new StringReader(csv)))
                .isInstanceOf(AnalysisDataException.class);
    }

    @Test
    void shouldReadBackWhatItWroteWhenRoundTripping() {
        StringWriter out = new StringWriter();
        AnalysisCsv.write(out, sample());

        List<AnalysisEpisode> back = AnalysisCsv.read(new StringReader(out.toString()));

        assertThat(out.toString()).startsWith(HEADER + ",therapist_id,location_id,recovered\n");
        assertThat(back).isEqualTo(sample());
    }

    @Test
    void shouldReadFileWhenGivenPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("analysis.csv");
        Files.writeString(file, HEADER + "\n" + VALID + "\n");

        List<AnalysisEpisode> episodes = AnalysisCsv.read(file);

        assertThat(episodes).containsExactly(sample().get(0));
    }

    @Test
    void shouldReportNoOptionalColumnsWhenFileHasTheSeventeenOfToday() {
        AnalysisDataset d = AnalysisCsv.readDataset(new StringReader(HEADER + "\n" + VALID + "\n"));

        assertThat(d.optionalColumns()).isEmpty();
        assertThat(d.therapistKnown()).isFalse();
        assertThat(d.recoveryKnown()).isZero();
        assertThat(d.episodes().get(0).therapistId()).isNull();
        assertThat(d.episodes().get(0).recovered()).isNull();
    }

    @Test
    void shouldReadColumnsByNameWhenOrderDiffers() {
        String header = "recovered,therapist_id," + HEADER.replace("episode_id,", "") + ",episode_id";
        String row = "1,T7," + VALID.replace("E1,", "") + ",E1";

        AnalysisDataset d = AnalysisCsv.readDataset(new StringReader(header + "\n" + row + "\n"));

        assertThat(d.optionalColumns()).containsExactlyInAnyOrder("recovered", "therapist_id");
        assertThat(d.therapistKnown()).isTrue();
        assertThat(d.hasColumn("location_id")).isFalse();
        assertThat(d.episodes()).containsExactly(sample().get(0).withCare("T7", null).withRecovered(true));
    }

    @Test
    void shouldTreatNAAsUnknownWhenOptionalCellIsEmpty() {
        String csv = HEADER + ",therapist_id,location_id,recovered\n" + VALID + ",NA,,NA\n" + VALID.replace("E1", "E2")
                + ",T1,L2,1\n";

        AnalysisDataset d = AnalysisCsv.readDataset(new StringReader(csv));

        assertThat(d.optionalColumns()).containsExactlyInAnyOrder("therapist_id", "location_id", "recovered");
        assertThat(d.therapistKnown()).as("one episode has no therapist code").isFalse();
        assertThat(d.recoveryKnown()).isEqualTo(1);
        assertThat(d.episodes().get(0).locationId()).isNull();
        assertThat(d.episodes().get(1).locationId()).isEqualTo("L2");
    }

    @Test
    void shouldListPresentColumnsWhenBuiltInMemory() {
        AnalysisDataset d = AnalysisDataset.of(sample());

        assertThat(d.optionalColumns()).containsExactlyInAnyOrder("therapist_id", "location_id", "recovered");
        assertThat(d.therapistKnown()).isFalse();
        assertThat(AnalysisDataset.of(sample().subList(0, 3)).optionalColumns()).isEmpty();
    }

    @Test
    void shouldTreatEmptyAndNAAsMissingWhenCovariateIsUnrecorded() {
        String csv = HEADER + "\nE9,0,0,0,0,1,,NA,,NA,,NA,,NA,4,30,0\n";

        AnalysisEpisode e = AnalysisCsv.read(new StringReader(csv)).get(0);

        assertThat(e.age()).isNull();
        assertThat(e.sex()).isNull();
        assertThat(e.chronicity()).isNull();
        assertThat(e.baselineNprs()).isNull();
        assertThat(e.baselineOdi()).isNull();
        assertThat(e.fabqPa()).isNull();
        assertThat(e.startBack()).isNull();
        assertThat(e.priorEpisodes()).isNull();
        assertThat(e.breadth()).isEqualTo(1);
    }

    @Test
    void shouldStreamRowsWhenUsingForEach() {
        List<String> ids = new ArrayList<>();
        AnalysisCsv.forEach(new StringReader(HEADER + "\n" + VALID + "\n" + VALID.replace("E1", "E2") + "\n"),
                e -> ids.add(e.episodeId()));

        assertThat(ids).containsExactly("E1", "E2");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        // column | bad value | expected message
        "episode_id|''|line 3, column episode_id: is required but missing",
        "f_movement|2|line 3, column f_movement: must be 0 or 1, was '2'",
        "f_beliefs|''|line 3, column f_beliefs: is required but missing (must be 0 or 1)",
        "age|abc|line 3, column age: must be numeric, was 'abc'",
        "age|121|line 3, column age: must be between 0 and 120, was 121",
        "age|-1|line 3, column age: must be between 0 and 120, was -1",
        "sex|female|line 3, column sex: unknown category 'female' (allowed: F, M, X)",
        "chronicity|Chronic|line 3, column chronicity: unknown category 'Chronic' (allowed: acute, subacute, chronic)",
        "baseline_nprs|11|line 3, column baseline_nprs: must be between 0 and 10, was 11",
        "baseline_odi|100.5|line 3, column baseline_odi: must be between 0 and 100, was 100.5",
        "fabq_pa|25|line 3, column fabq_pa: must be between 0 and 24, was 25",
        "startback|severe|line 3, column startback: unknown category 'severe' (allowed: low, medium, high)",
        "prior_episodes|-2|line 3, column prior_episodes: must be an integer >= 0, was -2",
        "prior_episodes|1.5|line 3, column prior_episodes: must be an integer >= 0, was 1.5",
        "visits|''|line 3, column visits: is required but missing",
        "visits|x|line 3, column visits: must be numeric, was 'x'",
        "time_days|-3|line 3, column time_days: must be a finite number >= 0, was -3",
        "time_days|NA|line 3, column time_days: is required but missing",
        "recurred|yes|line 3, column recurred: must be 0 or 1, was 'yes'",
    })
    void shouldThrowWhenCellBreaksTheContract(String column, String value, String message) {
        String[] cells = VALID.split(",", -1);
        cells[AnalysisCsv.HEADER.indexOf(column)] = value;
        String csv = HEADER + "\n" + VALID + "\n" + String.join(",", cells) + "\n";

        assertRejected(csv)
                .hasMessage(message)
                .satisfies(e -> assertThat(((AnalysisDataException) e).line()).isEqualTo(3))
                .satisfies(e -> assertThat(((AnalysisDataException) e).column()).isEqualTo(column));
    }

    /**
     * Files that break the contract as a whole (header, structure, the optional columns' rules), each with the
     * message the analyst sees: a message ending in "…" is checked up to there (the rest lists the columns).
     */
    static Stream<Arguments> rejectedFiles() {
        return Stream.of(
                arguments("recurrence without recovery", HEADER + ",recovered\n" + VALID + ",0\n",
                        "line 2, column recovered: must be 1 or NA when recurred is 1 (a recurrence follows recovery, "
                                + "Stanton 2011), was 0"),
                arguments("recovered not a bit", HEADER + ",recovered\n" + VALID + ",yes\n",
                        "line 2, column recovered: must be 0 or 1, was 'yes'"),
                arguments("therapist code too long", HEADER + ",therapist_id\n" + VALID + "," + "x".repeat(65) + "\n",
                        "line 2, column therapist_id: must be a code of at most 64 characters, was 65 characters long"),
                arguments("column repeated", HEADER + ",therapist_id,therapist_id\n",
                        "line 1, column therapist_id: appears twice in the header (columns 18 and 19)"),
                arguments("column unknown", HEADER + ",therapist\n" + VALID + ",T1\n",
                        "line 1: unknown column 'therapist'; allowed besides the required ones: therapist_id, "
                                + "location_id, recovered"),
                arguments("blank lines count in line numbers",
                        HEADER + "\r\n" + VALID + "\r\n\r\n" + VALID.replace(",54,", ",540,"),
                        "line 4, column age: must be between 0 and 120, was 540"),
                arguments("quote never closed",
                        HEADER + "\n" + VALID + "\n\"E2,1,0,1,0,1,54,F,chronic,6,38,15,high,2,8,139,1\n",
                        "line 3: malformed CSV…"),
                arguments("header column misnamed", HEADER.replace("fabq_pa", "fabq") + "\n" + VALID + "\n",
                        "line 1, column fabq_pa: the required column is missing (the header has the unknown column "
                                + "'fabq'); required: episode_id,…"),
                arguments("header column missing", HEADER.replace(",recurred", "") + "\n",
                        "line 1, column recurred: the required column is missing; required: …"),
                arguments("empty file", "", "line 1: the header is missing (empty file)"),
                arguments("row with too few cells", HEADER + "\n" + VALID.substring(0, VALID.lastIndexOf(',')) + "\n",
                        "line 2: expected 17 columns, found 16"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedFiles")
    void shouldThrowWhenFileBreaksTheContract(String name, String csv, String message) {
        if (message.endsWith("…")) {
            assertRejected(csv).hasMessageStartingWith(message.substring(0, message.length() - 1));
        } else {
            assertRejected(csv).hasMessage(message);
        }
    }
}
