package io.backstory.clinic;

import io.backstory.base.UserFacingException.Problem;
import io.backstory.base.UserFacingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A clinic's clinical definitions (DESIGN §2). Defaults follow Stanton et al. 2011 (recovery =
 * 30 pain-free days; recurrence = NPRS >= 2 lasting >= 24 h), check-ins at 1, 3, 6 and 12 months,
 * a 365-day horizon and isolated plan = breadth <= 1.
 */
public record ClinicSettings(long clinicId, int painFreeDays, int minIntensity, int minDurationHours,
                             List<Integer> followUpMonths, int isolatedMaxBreadth, int horizonDays) {

    /** Every rule is checked and all broken ones are reported together, joined by "; ", each naming its field. */
    public ClinicSettings {
        followUpMonths = List.copyOf(followUpMonths);
        List<Problem> problems = new ArrayList<>();
        require(painFreeDays >= 1 && painFreeDays <= 365, new Problem("error.settings.painFreeDays"), problems);
        require(minIntensity >= 1 && minIntensity <= 10, new Problem("error.settings.minIntensity"), problems);
        require(minDurationHours >= 1 && minDurationHours <= 720, new Problem("error.settings.minDuration"), problems);
        require(!followUpMonths.isEmpty() && followUpMonths.stream().allMatch(m -> m >= 1 && m <= 60),
                new Problem("error.settings.followUpMonths"), problems);
        require(isolatedMaxBreadth >= 0 && isolatedMaxBreadth <= 4, new Problem("error.settings.isolated"), problems);
        require(horizonDays >= 30 && horizonDays <= 1825, new Problem("error.settings.horizon"), problems);
        if (!problems.isEmpty()) {
            throw new UserFacingException(problems);
        }
    }

    public static ClinicSettings defaults(long clinicId) {
        return new ClinicSettings(clinicId, 30, 2, 24, List.of(1, 3, 6, 12), 1, 365);
    }

    static List<Integer> parseMonths(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Integer::valueOf).sorted().distinct().toList();
    }

    /** The follow-up schedule as a person types it ("1, 3, 6, 12"), sorted and without repeats. */
    public static List<Integer> parseSchedule(String typed) {
        try {
            return parseMonths(typed == null ? "" : typed.replace(';', ','));
        } catch (NumberFormatException e) {
            throw new UserFacingException("error.settings.schedule");
        }
    }

    private static void require(boolean ok, Problem message, List<Problem> problems) {
        if (!ok) {
            problems.add(message);
        }
    }
}
