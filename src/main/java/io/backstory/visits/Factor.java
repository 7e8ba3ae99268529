package io.backstory.visits;

/**
 * The five factors of the "system" view of back pain (DESIGN §1). The English label and description are defaults;
 * the UI translates them under {@link #labelKey()} and {@link #descriptionKey()}.
 */
public enum Factor {
    MOVEMENT("Movement patterns & variability",
            "Motor control training, movement retraining, graded variability drills, functional task practice."),
    MOBILITY("Mobility & stability through the body",
            "Hip/thoracic mobility work, joint mobilisation or manipulation, stabilisation exercise, targeted stretching."),
    STRENGTH("Strength & load tolerance",
            "Progressive resistance training, graded loading, lifting practice."),
    RECOVERY("Recovery capacity & conditioning",
            "Aerobic conditioning, walking programme, sleep and recovery coaching, activity pacing."),
    BELIEFS("Stress, fear & beliefs about pain",
            "Pain neuroscience education, graded exposure to feared movements, reassurance, stress management, cognitive functional therapy.");

    private final String label;
    private final String description;

    Factor(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** English label, e.g. "Strength &amp; load tolerance". */
    public String label() { return label; }

    /** One English line of what counts as addressing this factor. */
    public String description() { return description; }

    /** Message key of the label, e.g. "factor.strength.label". */
    public String labelKey() { return "factor." + name().toLowerCase(java.util.Locale.ROOT) + ".label"; }

    /** Message key of the description, e.g. "factor.strength.description". */
    public String descriptionKey() { return "factor." + name().toLowerCase(java.util.Locale.ROOT) + ".description"; }
}
