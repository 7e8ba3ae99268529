package io.backstory.followups;

/**
 * The thresholds of a recurrence (Stanton et al. 2011, Eur Spine J 20:744): a prior recovery of at least
 * {@code painFreeDays} consecutive pain-free days, then low back pain of intensity at least {@code minIntensity}/10
 * lasting at least {@code minDurationHours}. Clinics may change them (DESIGN §2).
 */
public record RecurrenceDefinition(int painFreeDays, int minIntensity, int minDurationHours) {

    /** Stanton 2011: 30 pain-free days, intensity at least 2/10, lasting at least 24 hours. */
    private static final RecurrenceDefinition DEFAULTS = new RecurrenceDefinition(30, 2, 24);

    public RecurrenceDefinition {
        if (painFreeDays < 1) {
            throw new IllegalArgumentException("painFreeDays: " + painFreeDays + " must be at least 1");
        }
        // Intensity 0 would make any answer a recurrence, so the threshold lies on the 1-10 part of the NPRS.
        if (minIntensity < 1 || minIntensity > 10) {
            throw new IllegalArgumentException("minIntensity: " + minIntensity + " must be between 1 and 10");
        }
        if (minDurationHours < 1) {
            throw new IllegalArgumentException("minDurationHours: " + minDurationHours + " must be at least 1");
        }
    }

    /** Stanton 2011 defaults: 30 days, 2/10, 24 hours. */
    public static RecurrenceDefinition defaults() {
        return DEFAULTS;
    }
}
