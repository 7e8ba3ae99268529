package io.backstory.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TailsTest {

    /** R: {@code options(digits = 17); pchisq(c(3.841458820694124, 100, 0.5), c(1, 1, 3), lower.tail = FALSE)} */
    @ParameterizedTest
    @CsvSource({
            "3.841458820694124, 1, 4.9999999999999975e-02",
            "100,               1, 1.5239706048321054e-23",
            "0.5,               3, 9.1889141165467592e-01"})
    void shouldMatchRsUpperChiSquareTail(double x, int df, double expected) {
        RelativeTolerance.closeP("pchisq", Tails.chiSquareUpper(x, df), expected);
    }

    @Test
    void shouldGiveOneAtZeroZeroAtInfinityAndNaNWithoutDegreesOfFreedom() {
        assertThat(Tails.chiSquareUpper(0, 1)).isEqualTo(1.0);
        assertThat(Tails.chiSquareUpper(-1, 2)).isEqualTo(1.0);
        assertThat(Tails.chiSquareUpper(Double.POSITIVE_INFINITY, 1)).isEqualTo(0.0);
        assertThat(Tails.chiSquareUpper(Double.NaN, 1)).isNaN();
        assertThat(Tails.chiSquareUpper(3, 0)).isNaN();
    }

    /** R: {@code options(digits = 17); 2 * pnorm(-1.959963984540054)} */
    @Test
    void shouldMatchRsTwoSidedNormalTail() {
        RelativeTolerance.close("2 pnorm(-|z|)", Tails.twoSidedNormal(-1.959963984540054), 0.050000000000000024);
    }
}
