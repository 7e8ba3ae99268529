package io.backstory.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The recovery rule of the analysis dataset (Stanton 2011 recovery: 30 consecutive pain-free days). */
class ReportDatasetTest {

    static final LocalDate DISCHARGE = LocalDate.of(2026, 1, 1);

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
        # case                                        | recurred | no recovery | seen pain-free after | next episode after | expected
        recurrence presupposes recovery,                true,      false,        -,                     -,                   true
        check-in found pain back before the gap,        false,     true,         -,                     -,                   false
        pain-free check-in 30 days after discharge,     false,     false,        30,                    -,                   true
        pain-free check-in too early to tell,           false,     false,        29,                    -,                   -
        new episode within the gap,                     false,     false,        -,                     12,                  false
        new episode after the gap says nothing,         false,     false,        -,                     45,                  -
        nothing known,                                  false,     false,        -,                     -,                   -
        a recurrence overrides an earlier answer,       true,      true,         -,                     -,                   true
        """)
    void shouldDecideRecoveryWhenTheRecordsSaySo(String name, boolean recurred, boolean noRecovery, Integer seenAfter,
                                                 Integer nextAfter, Boolean expected) {
        Boolean recovered = ReportDataset.recovered(recurred, noRecovery, DISCHARGE,
                seenAfter == null ? null : DISCHARGE.plusDays(seenAfter), nextAfter == null ? null : DISCHARGE.plusDays(nextAfter),
                30);

        assertThat(recovered).as(name).isEqualTo(expected);
    }
}
