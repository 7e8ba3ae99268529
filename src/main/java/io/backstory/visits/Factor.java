package io.backstory.visits;

/**
 * The five factors of the "system" view of back pain (DESIGN §1). Their labels and descriptions live only in the
 * translations file, under {@link #labelKey()} and {@link #descriptionKey()}.
 */
public enum Factor {
    MOVEMENT, MOBILITY, STRENGTH, RECOVERY, BELIEFS;

    /** Message key of the label, e.g. "factor.strength.label". */
    public String labelKey() { return "factor." + name().toLowerCase(java.util.Locale.ROOT) + ".label"; }

    /** Message key of the short label that fits a column or a bar, e.g. "factor.strength.short". */
    public String shortLabelKey() { return "factor." + name().toLowerCase(java.util.Locale.ROOT) + ".short"; }

    /** The factors whose flag is set, the flags in declaration order (the visit's columns, V19_1). */
    public static java.util.Set<Factor> of(boolean movement, boolean mobility, boolean strength, boolean recovery, boolean beliefs) {
        java.util.EnumSet<Factor> set = java.util.EnumSet.noneOf(Factor.class);
        boolean[] flags = {movement, mobility, strength, recovery, beliefs};
        for (Factor f : values()) {
            if (flags[f.ordinal()]) {
                set.add(f);
            }
        }
        return set;
    }

    /** The visit column that records this factor, e.g. "factor_strength" (V19_1). */
    public String column() { return "factor_" + name().toLowerCase(java.util.Locale.ROOT); }

    /** Message key of the description, e.g. "factor.strength.description". */
    public String descriptionKey() { return "factor." + name().toLowerCase(java.util.Locale.ROOT) + ".description"; }
}
