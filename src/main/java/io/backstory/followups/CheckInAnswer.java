package io.backstory.followups;

import java.time.LocalDate;

/**
 * What a post-discharge check-in recorded. When the patient was not reached every other field is ignored; when
 * reached, {@code painFreeSinceDischarge} is required, and when pain returned so are {@code onset},
 * {@code worstIntensity} (NPRS 0-10) and {@code lastedMinimumDuration} — the answer to "did it last at least
 * {@link RecurrenceDefinition#minDurationHours()} hours?" (24 by default). {@code limitedActivity} and
 * {@code soughtCare} are recorded for reporting (DESIGN §2) and do not decide the outcome; they may be null.
 */
public record CheckInAnswer(boolean reached, Boolean painFreeSinceDischarge, LocalDate onset, Integer worstIntensity,
                            Boolean lastedMinimumDuration, Boolean limitedActivity, Boolean soughtCare) {

    /** A check-in where the patient could not be reached. */
    public static CheckInAnswer notReached() {
        return new CheckInAnswer(false, null, null, null, null, null, null);
    }

    /** A check-in where the patient reports no back pain since discharge. */
    public static CheckInAnswer painFree() {
        return new CheckInAnswer(true, true, null, null, null, null, null);
    }

    /** A check-in where the patient reports that back pain returned. */
    public static CheckInAnswer painReturned(LocalDate onset, int worstIntensity, boolean lastedMinimumDuration,
                                             Boolean limitedActivity, Boolean soughtCare) {
        return new CheckInAnswer(true, false, onset, worstIntensity, lastedMinimumDuration, limitedActivity, soughtCare);
    }
}
