package io.backstory.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@SuppressWarnings("unchecked")
class VerdictTest {


    /**
     * A clean, well-powered input; each test changes what it is about. The checks agree with the primary estimate:
     * visits and IPCW give its interval, IPTW the given HR with limits x0.88 and x1.14, 12 therapists, balance,
     * equal completeness, proportional hazards.
     */
    private static VerdictInput input(int multi, int isolated, int events, int terms,
                                      double hr, double lower, double upper, double iptw) {
        return input(multi, isolated, events, terms, hr, lower, upper, iptw, 0.95, 40.0, List.of(), false, true,
                evidence(hr, lower, upper, iptw));
    }

    private static VerdictInput input(int multi, int isolated, int events, int terms, double hr, double lower,
                                      double upper, double iptw, double followUp, double minCell, List<String> sparse,
                                      boolean separation, boolean converged, VerdictEvidence evidence) {
        return new VerdictInput(multi, isolated, events, terms, hr, lower, upper, iptw, followUp, minCell, sparse,
                separation, converged, evidence);
    }

    private static VerdictEvidence evidence(double hr, double lower, double upper, double iptw) {
        VerdictEvidence.Interval primary = new VerdictEvidence.Interval(hr, lower, upper);
        return new VerdictEvidence(true, 12, primary, 1.0, new VerdictEvidence.Interval(iptw, iptw * 0.88, iptw * 1.14),
                List.of(), primary, 0.90, 0.91, Double.NaN, 0.40, 0.30, null);
    }

    private static VerdictEvidence with(VerdictEvidence e, String what, Object value) {
        return new VerdictEvidence(what.equals("therapistKnown") ? (Boolean) value : e.therapistKnown(),
                what.equals("therapists") ? (Integer) value : e.therapists(),
                what.equals("visits") ? (VerdictEvidence.Interval) value : e.visits(), e.visitsChange(),
                what.equals("iptw") ? (VerdictEvidence.Interval) value : e.iptw(),
                what.equals("imbalanced") ? (List<String>) value : e.imbalanced(),
                what.equals("ipcw") ? (VerdictEvidence.Interval) value : e.ipcw(),
                what.equals("completenessMulti") ? (Double) value : e.completenessMulti(), e.completenessIsolated(),
                e.tippingShare(), what.equals("ph") ? (Double) value : e.phPlanP(), e.phGlobalP(),
                what.equals("riskDifference") ? (VerdictEvidence.Interval) value : e.riskDifference());
    }

    private static VerdictResult supportsExcept(String what, Object value) {
        VerdictInput clean = input(990, 990, 693, 12, 0.74, 0.63, 0.87, 0.78);
        return Verdict.decide(input(990, 990, 693, 12, 0.74, 0.63, 0.87, 0.78, 0.95, 40.0, List.of(), false, true,
                with(clean.evidence(), what, value)));
    }

    /**
     * Issue 16: every kind of verdict, reason and warning reads in Spanish with Spanish numbers, and none of the
     * English wording (pieces of three words or more between the placeholders of verdict.properties) is left in it.
     */
    @Test
    void shouldWordEveryVerdictReasonAndWarningInSpanish() throws java.io.IOException {
        java.util.Locale es = java.util.Locale.of("es");
        VerdictEvidence clean = input(990, 990, 693, 12, 0.74, 0.63, 0.87, 0.78).evidence();
        VerdictEvidence unknown = new VerdictEvidence(false, 3, new VerdictEvidence.Interval(Double.NaN, Double.NaN, Double.NaN),
                Double.NaN, clean.iptw(), List.of("age", "sex[F]", "startback[high]", "some_column"), clean.ipcw(), 0.70, 0.90, 0.4,
                0.01, 0.02, new VerdictEvidence.Interval(-0.01, -0.05, 0.03));
        List<VerdictResult> all = List.of(
                Verdict.decide(input(990, 990, 693, 12, 0.74, 0.63, 0.87, 0.78)),
                Verdict.decide(input(990, 990, 693, 12, 1.30, 1.12, 1.50, 1.28)),
                Verdict.decide(input(20, 990, 50, 12, 0.74, 0.63, 0.87, 0.78)),
                Verdict.decide(input(990, 990, 693, 12, 0.97, 0.83, 1.13, 0.97)),
                Verdict.decide(input(990, 990, 693, 12, 0.80, 0.68, 0.95, 0.80, 0.60, 3.2, List.of("Movement", "Beliefs"),
                        true, false, unknown)),
                supportsExcept("ipcw", new VerdictEvidence.Interval(1.2, 1.05, 1.37)),
                supportsExcept("iptw", new VerdictEvidence.Interval(Double.NaN, Double.NaN, Double.NaN)),
                supportsExcept("imbalanced", null),
                supportsExcept("completenessMulti", Double.NaN),
                supportsExcept("ph", Double.NaN),
                supportsExcept("ph", 0.01),
                supportsExcept("therapists", 1));
        List<String> english = englishPieces();
        assertThat(english).hasSizeGreaterThan(40);
        for (VerdictResult v : all) {
            List<String> texts = new java.util.ArrayList<>(v.reasons(es));
            texts.add(v.sentence(es));
            texts.addAll(v.warnings(es));
            for (String text : texts) {
                assertThat(english).as(text).noneMatch(text::contains);
                assertThat(text).doesNotContain("{").doesNotContain("not estimable");
            }
        }
        assertThat(all.get(0).sentence(es)).startsWith("En 1.980 episodios con alta, a los pacientes con planes "
                + "multifactoriales les volvió el dolor lumbar con menos frecuencia: hazard ratio ajustado 0,74 (IC 95 % 0,63 a 0,87)");
        assertThat(all.get(4).reasons(es)).anyMatch(r -> r.contains("edad, sexo (mujeres), riesgo STarT Back (alto), some_column"));
        assertThat(all.get(4).warnings(es)).anyMatch(w -> w.contains("Movimiento, Creencias"))
                .anyMatch(w -> w.contains("(3,2)"));
        // the same verdict in English is unchanged by the translation
        assertThat(all.get(0).sentence()).startsWith("Across 1,980 discharged episodes");
    }

    /** The fixed English wording of the verdict bundle, cut at its placeholders; pieces of three words or more. */
    private static List<String> englishPieces() throws java.io.IOException {
        java.util.Properties english = new java.util.Properties();
        try (java.io.InputStream in = Verdict.class.getResourceAsStream("verdict.properties")) {
            english.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return english.stringPropertyNames().stream().filter(k -> !k.startsWith("verdict.covariate.") && !k.startsWith("verdict.factor."))
                .flatMap(k -> java.util.Arrays.stream(english.getProperty(k).split("\\{[^}]*}")))
                .map(String::strip).filter(VerdictTest::threeWords).toList();
    }

    /** Three words or more ("; log-rank p" is one: punctuation and single letters are not words). */
    static boolean threeWords(String piece) {
        return java.util.Arrays.stream(piece.split("\\s+")).filter(w -> w.matches(".*\\p{L}{2,}.*")).count() >= 3;
    }

    @Test
    void shouldSupportClaimWhenUpperLimitBelowOneAndIptwAgrees() {
        VerdictResult v = Verdict.decide(input(990, 990, 693, 12, 0.74, 0.63, 0.87, 0.78));

        assertThat(v.code()).isEqualTo(VerdictCode.SUPPORTS);
        assertThat(v.sentence())
                .startsWith("Across 1,980 discharged episodes, patients with multi-factor plans had back pain return "
                        + "less often: adjusted hazard ratio 0.74 (95 % CI 0.63 to 0.87), comparing patients of the same therapist")
                .contains("0.78", "support an association", "do not show that the plans cause it",
                        "other differences between patients could explain all of this")
                .doesNotContain("prevent")
                // E-value, R: e(conv(0.74)) = 1.7662, e(conv(0.87)) = 1.4354 (formula in EValueTest)
                .contains("risk ratio of 1.77 (E-value)", "1.44 to make the confidence interval include no effect");
        assertThat(v.warnings()).isEmpty();
        assertThat(v.reasons()).isEmpty();
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

        assertThat(v.reasons()).singleElement().asString()
                .contains("With propensity weights", "hazard ratio is 1.05 (95 % CI 0.92 to 1.20), which includes 1");
        assertThat(v.sentence()).contains("One check did not hold", "More data alone will not settle this")
                .doesNotContain("more than now");
    }

    @Test
    void shouldSayAModelPointsTheOtherWayWhenItExcludesOneOnTheOtherSide() {
        VerdictResult v = supportsExcept("ipcw", new VerdictEvidence.Interval(1.2, 1.05, 1.37));

        assertThat(v.code()).isEqualTo(VerdictCode.INCONCLUSIVE);
        assertThat(v.reasons()).singleElement().asString().contains("lost to follow-up (IPCW)", "points the other way");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            therapistKnown    | which therapist treated each patient
            visits            | With the number of visits in the model, the hazard ratio is 0.95 (95 % CI 0.80 to 1.12), which includes 1
            iptw              | With propensity weights (truncated at the 1st and 99th percentiles), the hazard ratio is 0.95
            ipcw              | Weighting for patients lost to follow-up (IPCW), the hazard ratio is 0.95
            imbalanced        | Even after weighting, the two groups of patients differ in disability at the start (ODI) (standardised difference of 0.1 or more)
            completenessMulti | 81 % of multi-factor and 91 % of isolated episodes were followed to the horizon or to a recurrence (more than 5 points apart)
            ph                | The hazard ratio changes over follow-up (Schoenfeld test p = 0.010 for the plan, 0.300 overall, below 0.05), and the risk difference at the horizon could not be estimated
            """)
    void shouldBeInconclusiveAndSayWhyWhenOneCheckFails(String check, String reason) {
        Object value = switch (check) {
            case "therapistKnown" -> false;
            case "imbalanced" -> List.of("baseline_odi");
            case "completenessMulti" -> 0.81;
            case "ph" -> 0.01;
            default -> new VerdictEvidence.Interval(0.95, 0.80, 1.12);
        };

        VerdictResult v = supportsExcept(check, value);

        assertThat(v.code()).isEqualTo(VerdictCode.INCONCLUSIVE);
        assertThat(v.reasons()).singleElement().asString().contains(reason);
        assertThat(v.sentence()).doesNotContain("prevent");
    }

    @Test
    void shouldAcceptChangingHazardsWhenTheHorizonRiskDifferenceAgrees() {
        VerdictInput clean = input(990, 990, 693, 12, 0.74, 0.63, 0.87, 0.78);
        VerdictEvidence e = with(with(clean.evidence(), "ph", 0.01), "riskDifference",
                new VerdictEvidence.Interval(-0.06, -0.09, -0.03));

        VerdictResult v = Verdict.decide(input(990, 990, 693, 12, 0.74, 0.63, 0.87, 0.78, 0.95, 40.0, List.of(), false,
                true, e));

        assertThat(v.code()).isEqualTo(VerdictCode.SUPPORTS);
    }

    @Test
    void shouldNameChangingHazardsWhenTheRiskDifferenceIncludesZero() {
        VerdictInput clean = input(990, 990, 693, 12, 0.74, 0.63, 0.87, 0.78);
        VerdictEvidence e = with(with(clean.evidence(), "ph", 0.01), "riskDifference",
                new VerdictEvidence.Interval(-0.02, -0.05, 0.01));

        VerdictResult v = Verdict.decide(input(990, 990, 693, 12, 0.74, 0.63, 0.87, 0.78, 0.95, 40.0, List.of(), false,
                true, e));

        assertThat(v.code()).isEqualTo(VerdictCode.INCONCLUSIVE);
        assertThat(v.reasons()).singleElement().asString()
                .contains("-2.0 % (95 % CI -5.0 % to +1.0 %)", "later rather than fewer recurrences");
    }

    @Test
    void shouldListEveryReasonWhenSeveralChecksFail() {
        VerdictInput clean = input(990, 990, 693, 12, 0.74, 0.63, 0.87, 0.78);
        VerdictEvidence e = with(with(with(clean.evidence(), "therapistKnown", false), "imbalanced", List.of("age")),
                "completenessMulti", 0.70);

        VerdictResult v = Verdict.decide(input(990, 990, 693, 12, 0.74, 0.63, 0.87, 0.78, 0.95, 40.0, List.of(), false,
                true, e));

        assertThat(v.reasons()).hasSize(3);
        assertThat(v.sentence()).contains("3 checks did not hold");
    }

    @Test
    void shouldCallTheRobustIntervalApproximateWithFewTherapists() {
        VerdictResult v = supportsExcept("therapists", 6);

        assertThat(v.code()).isEqualTo(VerdictCode.SUPPORTS);
        assertThat(v.warnings()).singleElement().asString().contains("Only 6 therapists", "approximate", "fewer than 10");
    }

    @Test
    void shouldContradictClaimWhenLowerLimitAboveOne() {
        VerdictResult v = Verdict.decide(input(990, 990, 693, 12, 1.30, 1.10, 1.54, 1.25));

        assertThat(v.code()).isEqualTo(VerdictCode.CONTRADICTS);
        assertThat(v.sentence()).contains("more often: adjusted hazard ratio 1.30 (95 % CI 1.10 to 1.54)",
                "association between multi-factor plans and more recurrences", "observational", "E-value");
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
                .contains("do not show whether", "adjusted hazard ratio 0.90 (95 % CI 0.75 to 1.08)")
                .contains("With 412 recurrences, only a hazard ratio of 0.76 or further from 1")
                .contains("If the true hazard ratio were 0.90, telling it from 1 would take about 2,829 recurrences, 2,417 more than now")
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
        VerdictInput in = input(990, 990, 693, 12, 0.74, 0.63, 0.87, 0.78,
                0.72, 3.2, List.of("Stress, fear & beliefs"), true, false, evidence(0.74, 0.63, 0.87, 0.78));

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
        VerdictInput in = input(990, 990, 693, 12, 0.74, 0.63, 0.87, 0.78, 0.80, 5.0, List.of(), false, true,
                evidence(0.74, 0.63, 0.87, 0.78));

        assertThat(Verdict.decide(in).warnings()).isEmpty();
    }

    @Test
    void shouldThrowWhenModelTermsIsZero() {
        assertThatThrownBy(() -> input(100, 100, 100, 0, 0.8, 0.7, 0.9, 0.8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modelTerms must be >= 1");
    }

    @Test
    void shouldThrowWhenFollowUpCompletenessIsAboveOne() {
        assertThatThrownBy(() -> input(100, 100, 100, 1, 0.8, 0.7, 0.9, 0.8, 1.2, 10, List.of(), false, true,
                evidence(0.8, 0.7, 0.9, 0.8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("followUpCompleteness");
    }
}
