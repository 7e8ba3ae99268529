package io.backstory.analytics;

/**
 * E-value of VanderWeele &amp; Ding (2017, Ann Intern Med 167:268-274) for a hazard ratio.
 *
 * <p>The E-value is defined on the risk-ratio scale, so the hazard ratio is first converted:
 * <ul>
 *   <li>rare outcome (below about 15 % by the end of follow-up): RR = HR;</li>
 *   <li>common outcome (recurrence of low back pain runs 35-70 % at a year, so this is Backstory's case):
 *       the paper's square-root approximation RR = (1 - 0.5^sqrt(HR)) / (1 - 0.5^sqrt(1/HR)).</li>
 * </ul>
 * Then, for RR &lt; 1, RR* = 1/RR, and E = RR* + sqrt(RR* (RR* - 1)). The CI E-value applies the same to the
 * confidence limit closer to 1, and is 1 when the interval contains 1.
 */
public final class EValue {

    private EValue() {
    }

    /**
     * @param estimate    hazard ratio, > 0
     * @param lower       lower 95 % limit, 0 < lower <= estimate (NaN gives a NaN CI E-value)
     * @param upper       upper 95 % limit, >= estimate (NaN gives a NaN CI E-value)
     * @param rareOutcome true to take RR = HR; false for the common-outcome approximation
     * @throws IllegalArgumentException if an argument is null, of the wrong length or outside its documented range; the message names it
     */
    public static EValueResult forRatio(double estimate, double lower, double upper, boolean rareOutcome) {
        if (!(estimate > 0) || Double.isInfinite(estimate)) {
            throw new IllegalArgumentException("estimate must be a finite ratio > 0, was " + estimate);
        }
        if (lower > estimate || upper < estimate) {
            throw new IllegalArgumentException("lower <= estimate <= upper is required, were "
                    + lower + ", " + estimate + ", " + upper);
        }
        if (lower < 0) {
            throw new IllegalArgumentException("lower must be >= 0, was " + lower);
        }
        double point = eValue(toRiskRatio(estimate, rareOutcome));
        double ci;
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            ci = Double.NaN;
        } else if (lower <= 1 && upper >= 1) {
            ci = 1.0;
        } else {
            double closer = estimate > 1 ? lower : upper;
            ci = eValue(toRiskRatio(closer, rareOutcome));
        }
        return new EValueResult(point, ci);
    }

    static double toRiskRatio(double hr, boolean rareOutcome) {
        if (rareOutcome || Double.isInfinite(hr) || hr == 0) {
            return hr;
        }
        return (1 - Math.pow(0.5, Math.sqrt(hr))) / (1 - Math.pow(0.5, Math.sqrt(1 / hr)));
    }

    static double eValue(double rr) {
        double r = rr < 1 ? 1 / rr : rr;
        return r + Math.sqrt(r * (r - 1));
    }
}
