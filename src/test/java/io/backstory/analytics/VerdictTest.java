package io.backstory.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerdictTest {

    /** A clean, well-powered input; each test changes what it is about. */
    private static VerdictInput input(int multi, int isolated, int events, int terms,
                                      double hr, double lower, double upper, double iptw) {
        return new VerdictInput(multi, isolated, events, terms, hr, lower, upper, iptw, 0.95, 40.0, List.of(), false, true);
    }

    @Test
    void shouldSupportClaimWhenUpperLimitBelowOneAndIptwAgrees() {
        VerdictResult v = Verdict.decide(input(990, 990, 693, 12, 0.74, 0.63, 0.87, 0.78));

        assertThat(v.code()).isEqualTo(VerdictCode.SUPPORTS);
        assertThat(v.sentence())
                .startsWith("Across 1,980 discharged episodes, patients with multi-factor plans had back pain return "
                        + "less often: adjusted hazard ratio 0.74 (95 % CI 0.63 to 0.87)")
                .contains("0.78", "supports the claim", "observational")
                // E-value, R: e(conv(0.74)) = 1.7662, e(conv(0.87)) = 1.4354 (formula in EValueTest)
                .contains("risk ratio of 1.77 (E-value)", "1.44 to make the confidence interval include no effect");
        assertThat(v.warnings()).isEmpty();
    }

    @Test
    void shouldQuoteTheRareOutcomeEValueWhenRecurrenceIsRare() {
        VerdictResult v = Verdict.decide(input(990, 990, 693, 12, 0.74, 0.63, 0.87, 0.78), true);

        // HR taken as RR, R: e <- function(rr) { r <- 1 / rr; r + sqrt(r * (r - 1)) }; e(0.74) = 2.040408042,
        // e(0.87) = 1.563856468
        assertThat(v.sentence()).contains("risk ratio of 2.04 (E-value)", "1.56 to make the confidence interval include no effect");
    }

    @ParameterizedTest(name = "upper {0}, IPTW {1}")
    @CsvSource({
        "1.00, 0.78",  // upper limit exactly 1 is not below 1
        "0.87, 1.00",  // IPTW exactly 1 is not below 1
        "0.87, 1.05",  // IPTW disagrees
    })
    void shouldBeInconclusiveWhenSupportIsOnlyPartial(double upper, double iptw) {
        VerdictResult v = Verdict.decide(input(990, 990, 693, 12, 0.74, 0.63, upper, iptw));

        assertThat(v.code()).isEqualTo(VerdictCode.INCONCLUSIVE);
    }

    @Test
    void shouldExplainIptwDisagreementWhenAdjustedEstimateAloneIsSignificant() {
        VerdictResult v = Verdict.decide(input(990, 990, 693, 12, 0.74, 0.63, 0.87, 1.05));

        assertThat(v.sentence()).contains("propensity-weighted (IPTW) hazard ratio is 1.05, which does not confirm it");
    }

    @Test
    void shouldContradictClaimWhenLowerLimitAboveOne() {
        VerdictResult v = Verdict.decide(input(990, 990, 693, 12, 1.30, 1.10, 1.54, 1.25));

        assertThat(v.code()).isEqualTo(VerdictCode.CONTRADICTS);
        assertThat(v.sentence()).contains("more often: adjusted hazard ratio 1.30 (95 % CI 1.10 to 1.54)",
                "contradicts the claim", "observational", "E-value");
    }

    @Test
    void shouldBeInconclusiveWhenLowerLimitIsExactlyOne() {
        assertThat(Verdict.decide(input(990, 990, 693, 12, 1.30, 1.00, 1.54, 1.25)).code())
                .isEqualTo(VerdictCode.INCONCLUSIVE);
    }

    @Test
    void shouldGiveDetectableEffectAndEventsNeededWhenInconclusive() {
        VerdictResult v = Verdict.decide(input(990, 990, 412, 12, 0.90, 0.75, 1.08, 0.92));

        assertThat(v.code()).isEqualTo(VerdictCode.INCONCLUSIVE);
        // R: z <- qnorm(0.975) + qnorm(0.8); exp(-z / sqrt(412 * 0.25)) = 0.7588; ceiling(z^2 / (0.25 * log(0.9)^2)) = 2829
        assertThat(v.sentence())
                .contains("cannot yet tell", "adjusted hazard ratio 0.90 (95 % CI 0.75 to 1.08)")
                .contains("With 412 recurrences, only a hazard ratio of 0.76 or further from 1")
                .contains("about 2,829 recurrences, 2,417 more than now")
                // R: e(conv(0.9)) = 1.3612; the CI contains 1
                .contains("risk ratio of 1.36 (E-value)", "the confidence interval already includes no effect")
                .contains("observational");
    }

    @Test
    void shouldSayNoNumberSufficesWhenEstimateIsOne() {
        VerdictResult v = Verdict.decide(input(990, 990, 412, 12, 1.0, 0.8, 1.25, 1.0));

        assertThat(v.code()).isEqualTo(VerdictCode.INCONCLUSIVE);
        assertThat(v.sentence()).contains("no realistic number");
    }

    @ParameterizedTest(name = "multi {0}, isolated {1}, events {2}, terms {3}")
    @CsvSource({
        "29, 500, 693, 12",   // one group below 30
        "500, 29, 693, 12",
        "500, 500, 119, 12",  // 119 < 10 x 12 events
    })
    void shouldReportInsufficientDataWhenBelowMinimum(int multi, int isolated, int events, int terms) {
        VerdictResult v = Verdict.decide(input(multi, isolated, events, terms, 0.74, 0.63, 0.87, 0.78));

        assertThat(v.code()).isEqualTo(VerdictCode.INSUFFICIENT_DATA);
        assertThat(v.sentence()).contains("not enough data", "at least 30 in each", "10 per term", "observational",
                "E-value");
    }

    @Test
    void shouldDecideWhenExactlyAtMinimum() {
        assertThat(Verdict.decide(input(30, 30, 120, 12, 0.74, 0.63, 0.87, 0.78)).code())
                .isEqualTo(VerdictCode.SUPPORTS);
    }

    @Test
    void shouldReportInsufficientDataWhenModelGaveNoEstimate() {
        VerdictResult v = Verdict.decide(input(500, 500, 300, 12, Double.NaN, Double.NaN, Double.NaN, Double.NaN));

        assertThat(v.code()).isEqualTo(VerdictCode.INSUFFICIENT_DATA);
        assertThat(v.sentence()).contains("no E-value can be given");
    }

    @Test
    void shouldListEveryWarningWhenDataQualityFlagsAreRaised() {
        VerdictInput in = new VerdictInput(990, 990, 693, 12, 0.74, 0.63, 0.87, 0.78,
                0.72, 3.2, List.of("Stress, fear & beliefs"), true, false);

        List<String> warnings = Verdict.decide(in).warnings();

        assertThat(warnings).hasSize(5);
        assertThat(warnings.get(0)).contains("only 72 % of episodes");
        assertThat(warnings.get(1)).contains("fewer than 5 expected", "3.2");
        assertThat(warnings.get(2)).contains("Stress, fear & beliefs");
        assertThat(warnings.get(3)).startsWith("Separation");
        assertThat(warnings.get(4)).startsWith("Non-convergence");
    }

    @Test
    void shouldNotWarnWhenFollowUpIsExactlyEightyPercentAndCellsExactlyFive() {
        VerdictInput in = new VerdictInput(990, 990, 693, 12, 0.74, 0.63, 0.87, 0.78, 0.80, 5.0, List.of(), false, true);

        assertThat(Verdict.decide(in).warnings()).isEmpty();
    }

    @Test
    void shouldThrowWhenModelTermsIsZero() {
        assertThatThrownBy(() -> input(100, 100, 100, 0, 0.8, 0.7, 0.9, 0.8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modelTerms must be >= 1");
    }

    @Test
    void shouldThrowWhenFollowUpCompletenessIsAboveOne() {
        assertThatThrownBy(() -> new VerdictInput(100, 100, 100, 1, 0.8, 0.7, 0.9, 0.8, 1.2, 10, List.of(), false, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("followUpCompleteness");
    }
}
