package io.backstory.visits;

/**
 * The five factors of the "system" view of back pain (DESIGN §1). Their labels and descriptions live only in the
 * translations file, under {@link #labelKey()} and {@link #descriptionKey()}.
 */
public enum Factor {
    MOVEMENT, MOBILITY, STRENGTH, RECOVERY, BELIEFS;

    /** Message key of the label, e.g. "factor.strength.label". */
    public String labelKey() { return "factor." + name().toLowerCase(java.util.Locale.ROOT) + ".label"; }

    /** Message key of the description, e.g. "factor.strength.description". */
    public String descriptionKey() { return "factor." + name().toLowerCase(java.util.Locale.ROOT) + ".description"; }
}
