package io.backstory.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Instrument facts from DESIGN §3 and the MCIDs of Farrar 2001 (NPRS) and Ostelo 2008 (Spine 33:90). */
class InstrumentTest {

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            // key,     min, max, mcid, higherIsWorse, maxItems, minItems, minAnswered, itemMin, itemMax
            "NPRS,      0,   10,  2,    true,  1,  1,  1,  0, 10",
            "ODI,       0,   100, 10,   true,  10, 10, 8,  0, 5",
            "RMDQ,      0,   24,  5,    true,  24, 24, 24, 0, 1",
            "PSFS,      0,   10,  2,    false, 5,  3,  3,  0, 10",
            "FABQ,      0,   24,  none, true,  16, 16, 16, 0, 6",
            "TSK11,     11,  44,  5.6,  true,  11, 11, 11, 1, 4",
            "PSEQ,      0,   60,  11,   false, 10, 10, 10, 0, 6",
            "STARTBACK, 0,   9,   none, true,  9,  9,  9,  0, 1"})
    void shouldExposePublishedFactsForEachInstrument(String key, double min, double max, Double mcid,
                                                     boolean higherIsWorse, int maxItems, int minItems,
                                                     int minAnswered, int itemMin, int itemMax) {
        Instrument instrument = Instrument.fromKey(key);
        assertThat(instrument.key()).isEqualTo(key);
        assertThat(instrument.min()).isEqualTo(min);
        assertThat(instrument.max()).isEqualTo(max);
        assertThat(instrument.mcid()).isEqualTo(mcid);
        assertThat(instrument.higherIsWorse()).isEqualTo(higherIsWorse);
        assertThat(instrument.maxItems()).isEqualTo(maxItems);
        assertThat(instrument.minItems()).isEqualTo(minItems);
        assertThat(instrument.minAnswered()).isEqualTo(minAnswered);
        assertThat(instrument.itemMin()).isEqualTo(itemMin);
        assertThat(instrument.itemMax()).isEqualTo(itemMax);
    }

    @ParameterizedTest
    @EnumSource(Instrument.class)
    void shouldRoundTripKeyAndHaveDisplayName(Instrument instrument) {
        assertThat(Instrument.fromKey(instrument.key())).isSameAs(instrument);
        assertThat(instrument.displayName()).isNotBlank();
        assertThat(instrument.abbreviation()).isNotBlank();
    }

    @Test
    void shouldRejectUnknownKeyThrows() {
        assertThatThrownBy(() -> Instrument.fromKey("SF36"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("instrument key: unknown key 'SF36'");
    }

    @ParameterizedTest
    @CsvSource({
            // NPRS: 2 points OR 30 % reduction (Farrar 2001); worsening needs the absolute 2 points.
            "NPRS, 6, 4, IMPROVED",                         // exactly 2 points
            "NPRS, 6, 5, NO_CLINICALLY_IMPORTANT_CHANGE",   // 1 point, 16.7 %
            "NPRS, 3, 2, IMPROVED",                         // 1 point but 33 %
            "NPRS, 5, 3.5, IMPROVED",                       // exactly 30 %
            "NPRS, 5, 3.6, NO_CLINICALLY_IMPORTANT_CHANGE", // 28 %
            "NPRS, 0, 0, NO_CLINICALLY_IMPORTANT_CHANGE",
            "NPRS, 5, 7, WORSENED",
            "NPRS, 1, 2, NO_CLINICALLY_IMPORTANT_CHANGE",   // +100 % but only 1 point
            "NPRS, 0, 1, NO_CLINICALLY_IMPORTANT_CHANGE",
            // ODI 10 points (Ostelo 2008)
            "ODI, 40, 30, IMPROVED",
            "ODI, 40, 31, NO_CLINICALLY_IMPORTANT_CHANGE",
            "ODI, 30, 40, WORSENED",
            // RMDQ 5 points (Ostelo 2008)
            "RMDQ, 12, 7, IMPROVED",
            "RMDQ, 12, 8, NO_CLINICALLY_IMPORTANT_CHANGE",
            "RMDQ, 7, 12, WORSENED",
            // PSFS 2 points of the mean, higher is better (Stratford 1995)
            "PSFS, 4, 6, IMPROVED",
            "PSFS, 5.4, 7.4, IMPROVED",                     // 7.4 - 5.4 is not exactly 2.0 in binary
            "PSFS, 4, 5.9, NO_CLINICALLY_IMPORTANT_CHANGE",
            "PSFS, 6, 4, WORSENED",
            // TSK-11 5.6 points (DESIGN §3; Woby 2005)
            "TSK11, 35, 29, IMPROVED",
            "TSK11, 35, 30, NO_CLINICALLY_IMPORTANT_CHANGE",
            "TSK11, 30, 36, WORSENED",
            // PSEQ 11 points, higher is better (DESIGN §3)
            "PSEQ, 20, 31, IMPROVED",
            "PSEQ, 20, 30, NO_CLINICALLY_IMPORTANT_CHANGE",
            "PSEQ, 31, 20, WORSENED",
            // no MCID
            "FABQ, 20, 2, NO_CLINICALLY_IMPORTANT_CHANGE",
            "STARTBACK, 9, 0, NO_CLINICALLY_IMPORTANT_CHANGE"})
    void shouldJudgeChangeAgainstMcidInTheInstrumentsDirection(Instrument instrument, double before, double after,
                                                                Change expected) {
        assertThat(instrument.change(before, after)).isEqualTo(expected);
        assertThat(instrument.isClinicallyImportantChange(before, after)).isEqualTo(expected == Change.IMPROVED);
    }

    @Test
    void shouldRejectChangeScoresOutsideRangeThrows() {
        assertThatThrownBy(() -> Instrument.NPRS.change(11, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("NPRS before: score 11 is outside 0–10");
        assertThatThrownBy(() -> Instrument.TSK11.change(20, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("TSK-11 after: score 5 is outside 11–44");
    }
}
