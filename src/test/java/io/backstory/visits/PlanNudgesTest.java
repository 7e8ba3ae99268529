package io.backstory.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.analytics.Chronicity;
import io.backstory.analytics.StartBackRisk;
import java.text.MessageFormat;
import java.util.EnumSet;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plan-balance nudges (DESIGN §5): profile-driven suggestions and the narrow-plan check. */
class PlanNudgesTest {

    private static final ResourceBundle ENGLISH = ResourceBundle.getBundle("vaadin-i18n/translations", Locale.ENGLISH);
    private static final Set<Factor> BROAD = EnumSet.of(Factor.MOVEMENT, Factor.STRENGTH);

    private static List<Nudge> nudges(Set<Factor> addressed, Chronicity chronicity, Double fabqPa, Double tsk11,
                                      StartBackRisk risk, int visits) {
        return PlanNudges.forEpisode(new NudgeInput(addressed, chronicity, fabqPa, tsk11, risk, visits));
    }

    /** The nudge as an English reader sees it: its pattern from the translations file, a factor by its label there. */
    private static String english(Nudge nudge) {
        Object[] args = nudge.arguments().stream().map(a -> a instanceof Factor f ? ENGLISH.getString(f.labelKey()) : a).toArray();
        return new MessageFormat(ENGLISH.getString(nudge.messageKey()), Locale.ENGLISH).format(args);
    }

    @Test
    void shouldNudgeBeliefsWhenFabqPaAboveFourteenAndBeliefsNeverAddressed() {
        List<Nudge> nudges = nudges(BROAD, Chronicity.ACUTE, 17.0, null, null, 2);
        assertThat(nudges).containsExactly(new Nudge("beliefs", Factor.BELIEFS, "nudge.beliefs.fabq", List.of(17.0)));
        assertThat(english(nudges.getFirst())).isEqualTo("Fear-avoidance is high (FABQ-PA 17) and beliefs have not been addressed yet: "
                + "consider pain neuroscience education or graded exposure.");
    }

    @ParameterizedTest
    @CsvSource({"14, false", "14.5, true", "15, true"})
    void shouldNudgeBeliefsOnlyAboveFabqPaFourteen(double fabqPa, boolean nudged) {
        assertThat(nudges(BROAD, null, fabqPa, null, null, 1)).hasSize(nudged ? 1 : 0);
    }

    @ParameterizedTest
    @CsvSource({"36, false", "37, true", "44, true"})
    void shouldNudgeBeliefsFromTsk11AtThirtySevenOrMore(double tsk11, boolean nudged) {
        List<Nudge> nudges = nudges(BROAD, null, null, tsk11, null, 1);
        assertThat(nudges).hasSize(nudged ? 1 : 0);
        if (nudged) {
            assertThat(nudges.getFirst().messageKey()).isEqualTo("nudge.beliefs.tsk11");
            assertThat(english(nudges.getFirst())).startsWith("Fear of movement is high (TSK-11 " + (int) tsk11 + ")");
        }
    }

    @Test
    void shouldNudgeBeliefsWhenStartBackHighAndBeliefsNeverAddressed() {
        List<Nudge> nudges = nudges(BROAD, null, null, null, StartBackRisk.HIGH, 1);
        assertThat(nudges).singleElement().satisfies(nudge -> {
            assertThat(nudge.key()).isEqualTo("beliefs");
            assertThat(nudge.messageKey()).isEqualTo("nudge.beliefs.startback");
            assertThat(nudge.arguments()).isEmpty();
            assertThat(english(nudge)).isEqualTo("STarT Back risk is high and beliefs have not been addressed yet: "
                    + "consider pain neuroscience education or graded exposure.");
        });
    }

    @Test
    void shouldGiveOneBeliefsNudgeNamingFabqFirstWhenSeveralReasonsApply() {
        List<Nudge> nudges = nudges(BROAD, null, 20.0, 40.0, StartBackRisk.HIGH, 1);
        assertThat(nudges).singleElement().extracting(Nudge::messageKey).isEqualTo("nudge.beliefs.fabq");
    }

    @Test
    void shouldNotNudgeBeliefsWhenAlreadyAddressed() {
        Set<Factor> withBeliefs = EnumSet.of(Factor.BELIEFS, Factor.STRENGTH);
        assertThat(nudges(withBeliefs, null, 20.0, 40.0, StartBackRisk.HIGH, 5)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {"LOW", "MEDIUM", "none"})
    void shouldNotNudgeBeliefsWhenProfileIsNotHigh(StartBackRisk risk) {
        assertThat(nudges(BROAD, Chronicity.SUBACUTE, 10.0, 30.0, risk, 4)).isEmpty();
    }

    @Test
    void shouldNudgeRecoveryWhenChronicAndRecoveryNeverAddressed() {
        List<Nudge> nudges = nudges(BROAD, Chronicity.CHRONIC, null, null, null, 2);
        assertThat(nudges).containsExactly(new Nudge("recovery", Factor.RECOVERY, "nudge.recovery.chronic", List.of()));
        assertThat(english(nudges.getFirst())).isEqualTo("Pain has lasted more than 12 weeks and recovery capacity has not "
                + "been addressed yet: consider a walking programme, aerobic conditioning or activity pacing.");
    }

    @ParameterizedTest
    @CsvSource({"ACUTE", "SUBACUTE"})
    void shouldNotNudgeRecoveryWhenNotChronic(Chronicity chronicity) {
        assertThat(nudges(BROAD, chronicity, null, null, null, 2)).isEmpty();
    }

    @Test
    void shouldNotNudgeRecoveryWhenChronicAndRecoveryAddressed() {
        assertThat(nudges(EnumSet.of(Factor.RECOVERY, Factor.MOVEMENT), Chronicity.CHRONIC, null, null, null, 2)).isEmpty();
    }

    @Test
    void shouldNudgeNarrowPlanWhenOneFactorAfterThreeVisits() {
        List<Nudge> nudges = nudges(EnumSet.of(Factor.STRENGTH), null, null, null, null, 3);
        assertThat(nudges).containsExactly(new Nudge("narrow-plan", null, "nudge.narrowPlan.one",
                List.of(Factor.STRENGTH, 3)));
        assertThat(english(nudges.getFirst())).isEqualTo("Only one factor (Strength & load tolerance) has been addressed in "
                + "3 visits: consider broadening the plan to two or more factors.");
    }

    @Test
    void shouldNudgeNarrowPlanWhenNoFactorAfterThreeVisits() {
        List<Nudge> nudges = nudges(Set.of(), null, null, null, null, 4);
        assertThat(nudges).singleElement().satisfies(nudge -> {
            assertThat(nudge.messageKey()).isEqualTo("nudge.narrowPlan.none");
            assertThat(nudge.arguments()).containsExactly(4);
            assertThat(english(nudge)).isEqualTo("None of the five factors has been addressed in 4 visits: "
                    + "consider an active plan that covers two or more of them.");
        });
    }

    @ParameterizedTest
    @CsvSource({"2, 1, false", "3, 1, true", "3, 2, false", "10, 0, true", "10, 2, false"})
    void shouldNudgeNarrowPlanOnlyWhenBreadthAtMostOneFromThreeVisits(int visits, int breadth, boolean nudged) {
        Set<Factor> addressed = EnumSet.noneOf(Factor.class);
        for (int i = 0; i < breadth; i++) {
            addressed.add(List.of(Factor.MOVEMENT, Factor.MOBILITY).get(i));
        }
        assertThat(nudges(addressed, null, null, null, null, visits))
                .extracting(Nudge::key).containsExactlyElementsOf(nudged ? List.of("narrow-plan") : List.of());
    }

    @Test
    void shouldListFactorNudgesBeforeNarrowPlanWhenSeveralApply() {
        List<Nudge> nudges = nudges(EnumSet.of(Factor.MOBILITY), Chronicity.CHRONIC, 18.0, null, null, 5);
        assertThat(nudges).extracting(Nudge::key).containsExactly("beliefs", "recovery", "narrow-plan");
        assertThat(nudges).extracting(Nudge::missingFactor).containsExactly(Factor.BELIEFS, Factor.RECOVERY, null);
    }

    @Test
    void shouldFormatFractionalScoreInEnglishMessage() {
        assertThat(english(nudges(BROAD, null, 16.5, null, null, 1).getFirst()))
                .startsWith("Fear-avoidance is high (FABQ-PA 16.5)");
    }

    @Test
    void shouldGiveNoNudgeWhenNothingIsRecorded() {
        assertThat(nudges(Set.of(), null, null, null, null, 0)).isEmpty();
    }

    @Test
    void shouldCopyAddressedFactorsSoCallerChangesDoNotLeak() {
        Set<Factor> addressed = new HashSet<>(Set.of(Factor.MOVEMENT));
        NudgeInput input = new NudgeInput(addressed, null, null, null, null, 3);
        addressed.add(Factor.STRENGTH);
        assertThat(input.breadth()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({
            "-1, , 0, fabqPa: -1.0 is outside 0–24",
            "25, , 0, fabqPa: 25.0 is outside 0–24",
            ", 10, 0, tsk11: 10.0 is outside 11–44",
            ", 45, 0, tsk11: 45.0 is outside 11–44",
            ", , -1, visitCount: -1 must be at least 0"})
    void shouldRejectInputOutOfRangeThrows(Double fabqPa, Double tsk11, int visits, String message) {
        assertThatThrownBy(() -> new NudgeInput(Set.of(), null, fabqPa, tsk11, null, visits))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void shouldRejectMissingAddressedSetThrows() {
        assertThatThrownBy(() -> new NudgeInput(null, null, null, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("addressed: must not be null (use an empty set)");
        assertThatThrownBy(() -> PlanNudges.forEpisode(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("input: must not be null");
    }
}
