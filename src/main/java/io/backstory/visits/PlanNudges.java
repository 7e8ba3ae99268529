package io.backstory.visits;

import io.backstory.analytics.Chronicity;
import io.backstory.analytics.StartBackRisk;
import java.util.ArrayList;
import java.util.List;

/**
 * Nudges shown on the episode page when the plan looks narrow for the patient's profile (DESIGN §5). At most one
 * nudge per missing factor, so the page stays calm; factor nudges come first, the narrow-plan nudge last.
 */
public final class PlanNudges {

    /** FABQ-PA above 14 marks high fear-avoidance about physical activity (DESIGN §3, §5). */
    static final double FABQ_PA_HIGH_ABOVE = 14;
    /** TSK-11 of 37 or more marks high kinesiophobia (the threshold set by the brief for this nudge). */
    static final double TSK11_HIGH_AT_LEAST = 37;
    /** Isolated plan: breadth at most 1 (DESIGN §1 default) ... */
    static final int ISOLATED_BREADTH_AT_MOST = 1;
    /** ... judged only after 3 visits, when a plan has had the chance to broaden. */
    static final int NARROW_AFTER_VISITS = 3;

    // Message keys of the translations file; a Factor argument stands for its translated label.
    static final String BELIEFS_FABQ = "nudge.beliefs.fabq";
    static final String BELIEFS_TSK = "nudge.beliefs.tsk11";
    static final String BELIEFS_STARTBACK = "nudge.beliefs.startback";
    static final String RECOVERY_CHRONIC = "nudge.recovery.chronic";
    static final String NARROW_NONE = "nudge.narrowPlan.none";
    static final String NARROW_ONE = "nudge.narrowPlan.one";

    private PlanNudges() {
    }

    /**
     * The nudges for one episode. BELIEFS: when it was never addressed and FABQ-PA &gt; 14, TSK-11 &ge; 37 or
     * STarT Back risk is high (the high-risk group is the one stratified care treats with psychologically informed
     * physiotherapy: Hill et al. 2011, Lancet 378:1560); the message names the first of these that applies.
     * RECOVERY: when pain is chronic and it was never addressed (a walking programme cut recurrence in WalkBack:
     * Pocovi et al. 2024, Lancet 404:134). Narrow plan: breadth &le; 1 after 3 or more visits.
     */
    public static List<Nudge> forEpisode(NudgeInput input) {
        if (input == null) {
            throw new IllegalArgumentException("input: must not be null");
        }
        List<Nudge> nudges = new ArrayList<>();
        if (!input.addressed().contains(Factor.BELIEFS)) {
            if (input.fabqPa() != null && input.fabqPa() > FABQ_PA_HIGH_ABOVE) {
                nudges.add(nudge("beliefs", Factor.BELIEFS, BELIEFS_FABQ, input.fabqPa()));
            } else if (input.tsk11() != null && input.tsk11() >= TSK11_HIGH_AT_LEAST) {
                nudges.add(nudge("beliefs", Factor.BELIEFS, BELIEFS_TSK, input.tsk11()));
            } else if (input.startBackRisk() == StartBackRisk.HIGH) {
                nudges.add(nudge("beliefs", Factor.BELIEFS, BELIEFS_STARTBACK));
            }
        }
        if (input.chronicity() == Chronicity.CHRONIC && !input.addressed().contains(Factor.RECOVERY)) {
            nudges.add(nudge("recovery", Factor.RECOVERY, RECOVERY_CHRONIC));
        }
        if (input.visitCount() >= NARROW_AFTER_VISITS && input.breadth() <= ISOLATED_BREADTH_AT_MOST) {
            if (input.addressed().isEmpty()) {
                nudges.add(nudge("narrow-plan", null, NARROW_NONE, input.visitCount()));
            } else {
                Factor only = input.addressed().iterator().next();
                nudges.add(nudge("narrow-plan", null, NARROW_ONE, only, input.visitCount()));
            }
        }
        return List.copyOf(nudges);
    }

    private static Nudge nudge(String key, Factor missing, String messageKey, Object... args) {
        return new Nudge(key, missing, messageKey, List.of(args));
    }
}
