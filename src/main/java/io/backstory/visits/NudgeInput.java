package io.backstory.visits;

import io.backstory.analytics.Chronicity;
import io.backstory.analytics.StartBackRisk;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the plan-balance nudges look at for one episode. The measures are the latest recorded; null means not
 * recorded (chronicity, FABQ-PA, TSK-11, STarT Back), and a missing measure never triggers a nudge.
 *
 * @param addressed   factors addressed at one visit or more so far
 * @param fabqPa      FABQ physical-activity subscale, 0-24
 * @param tsk11       TSK-11 total, 11-44
 * @param visitCount  visits logged in the episode so far
 */
public record NudgeInput(Set<Factor> addressed, Chronicity chronicity, Double fabqPa, Double tsk11,
                         StartBackRisk startBackRisk, int visitCount) {

    public NudgeInput {
        if (addressed == null) {
            throw new IllegalArgumentException("addressed: must not be null (use an empty set)");
        }
        EnumSet<Factor> copy = EnumSet.noneOf(Factor.class);
        for (Factor factor : addressed) {
            if (factor == null) {
                throw new IllegalArgumentException("addressed: must not contain null");
            }
            copy.add(factor);
        }
        addressed = Collections.unmodifiableSet(copy);
        requireRange("fabqPa", fabqPa, 0, 24);
        requireRange("tsk11", tsk11, 11, 44);
        if (visitCount < 0) {
            throw new IllegalArgumentException("visitCount: " + visitCount + " must be at least 0");
        }
    }

    /** Plan breadth (DESIGN §1): distinct factors addressed at one visit or more, 0-5. */
    public int breadth() {
        return addressed.size();
    }

    private static void requireRange(String field, Double value, double min, double max) {
        if (value != null && (!Double.isFinite(value) || value < min || value > max)) {
            throw new IllegalArgumentException(field + ": " + value + " is outside " + (int) min + "–" + (int) max);
        }
    }
}
