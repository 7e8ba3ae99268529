package io.backstory.measures;

import io.backstory.base.UserFacingException;
/**
 * The outcome instruments of DESIGN §3, with the facts their scoring and interpretation rely on.
 *
 * <p>Item counts: {@link #maxItems()} is the number of items on the form (PSFS: at most five
 * activities), {@link #minItems()} the shortest answer list accepted (only PSFS accepts fewer than
 * the maximum, as the patient names three to five activities) and {@link #minAnswered()} the fewest
 * non-null answers that can still be scored (only ODI and PSFS score partial forms).
 */
public enum Instrument {

    /** Single 0-10 item. MCID 2 points or 30 % (Farrar et al. 2001, Pain 94:149; Ostelo et al. 2008, Spine 33:90). */
    NPRS("NPRS", "NPRS", "Numeric Pain Rating Scale", 0, 10, 2.0, true, 1, 1, 1, 0, 10, "item"),

    /** 10 sections x 0-5, percent of the answered maximum (Fairbank &amp; Pynsent 2000, Spine 25:2940). MCID 10 (Ostelo 2008). */
    ODI("ODI", "ODI", "Oswestry Disability Index 2.1a", 0, 100, 10.0, true, 10, 10, 8, 0, 5, "section"),

    /** 24 yes/no items, count of yes (Roland &amp; Morris 1983, Spine 8:141). MCID 5 (Ostelo 2008). */
    RMDQ("RMDQ", "RMDQ", "Roland-Morris Disability Questionnaire", 0, 24, 5.0, true, 24, 24, 24, 0, 1, "item"),

    /** Mean of 3-5 patient-named activities rated 0-10, higher is better (Stratford et al. 1995, Physiother Can 47:258). MCID 2 (DESIGN §3). */
    PSFS("PSFS", "PSFS", "Patient-Specific Functional Scale", 0, 10, 2.0, false, 5, 3, 3, 0, 10, "activity"),

    /**
     * 16 items x 0-6 (Waddell et al. 1993, Pain 52:157). The total is the physical-activity subscale (0-24):
     * the work subscale is reported beside it, and no summed total is in common use. No MCID.
     */
    FABQ("FABQ", "FABQ", "Fear-Avoidance Beliefs Questionnaire", 0, 24, null, true, 16, 16, 16, 0, 6, "item"),

    /** 11 items x 1-4 (Woby et al. 2005, Pain 117:137). MCID 5.6 (DESIGN §3). */
    TSK11("TSK11", "TSK-11", "Tampa Scale for Kinesiophobia (11-item)", 11, 44, 5.6, true, 11, 11, 11, 1, 4, "item"),

    /** 10 items x 0-6, higher is more confident (Nicholas 2007, Eur J Pain 11:153). MCID 11 (DESIGN §3). */
    PSEQ("PSEQ", "PSEQ", "Pain Self-Efficacy Questionnaire", 0, 60, 11.0, false, 10, 10, 10, 0, 6, "item"),

    /**
     * 9 items scored 0/1, distress subscale items 5-9 (Hill et al. 2008, Arthritis Rheum 59:632). A stratification
     * tool, not a change measure: no MCID. Item 9 is asked on a 5-point scale; callers pass it already dichotomised
     * ("very much" or "extremely" = 1, otherwise 0), as the published scoring does before summing.
     */
    STARTBACK("STARTBACK", "STarT Back", "Keele STarT Back Screening Tool", 0, 9, null, true, 9, 9, 9, 0, 1, "item");

    private final String key;
    private final String abbreviation;
    private final String displayName;
    private final double min;
    private final double max;
    private final Double mcid;
    private final boolean higherIsWorse;
    private final int maxItems;
    private final int minItems;
    private final int minAnswered;
    private final int itemMin;
    private final int itemMax;
    private final String itemNoun;

    Instrument(String key, String abbreviation, String displayName, double min, double max, Double mcid,
               boolean higherIsWorse, int maxItems, int minItems, int minAnswered, int itemMin, int itemMax,
               String itemNoun) {
        this.key = key;
        this.abbreviation = abbreviation;
        this.displayName = displayName;
        this.min = min;
        this.max = max;
        this.mcid = mcid;
        this.higherIsWorse = higherIsWorse;
        this.maxItems = maxItems;
        this.minItems = minItems;
        this.minAnswered = minAnswered;
        this.itemMin = itemMin;
        this.itemMax = itemMax;
        this.itemNoun = itemNoun;
    }

    /** Stable key stored in the database; never changes when the enum constant or display name does. */
    public String key() { return key; }

    /** Short English name used in messages, e.g. "TSK-11". */
    public String abbreviation() { return abbreviation; }

    /** Full English name. */
    public String displayName() { return displayName; }

    /** Lowest possible total. */
    public double min() { return min; }

    /** Highest possible total. */
    public double max() { return max; }

    /** Minimal clinically important change in total points, or null when the instrument has none. */
    public Double mcid() { return mcid; }

    /** True when a higher total means more pain, disability or fear; false for PSFS and PSEQ. */
    public boolean higherIsWorse() { return higherIsWorse; }

    /** Items on the form (PSFS: the most activities a patient may name). */
    public int maxItems() { return maxItems; }

    /** Shortest answer list accepted. */
    public int minItems() { return minItems; }

    /** Fewest answered (non-null) items that can still be scored. */
    public int minAnswered() { return minAnswered; }

    /** Lowest answer allowed for one item. */
    public int itemMin() { return itemMin; }

    /** Highest answer allowed for one item. */
    public int itemMax() { return itemMax; }

    /** What the form calls one item in messages: "section" (ODI), "activity" (PSFS) or "item". */
    String itemNoun() { return itemNoun; }

    /** The instrument stored under {@code key}. */
    public static Instrument fromKey(String key) {
        for (Instrument instrument : values()) {
            if (instrument.key.equals(key)) {
                return instrument;
            }
        }
        throw new IllegalArgumentException("instrument key: unknown key '" + key + "'");
    }

    /**
     * Whether the change from {@code before} to {@code after} reaches the MCID, and in which direction.
     * The MCID counts as reached at exactly its value ("a change of at least", Ostelo 2008). NPRS also counts a
     * reduction of at least 30 % of the baseline as improvement (Farrar 2001); that relative criterion was derived
     * for reductions only, so worsening on the NPRS needs the absolute 2 points. Instruments without an MCID (FABQ,
     * STarT Back) never report a clinically important change.
     */
    public Change change(double before, double after) {
        requireInRange("before", before);
        requireInRange("after", after);
        if (mcid == null) {
            return Change.NO_CLINICALLY_IMPORTANT_CHANGE;
        }
        double gain = higherIsWorse ? before - after : after - before;
        if (reaches(gain, mcid) || (this == NPRS && before > 0 && gain > 0 && reaches(gain / before, 0.30))) {
            return Change.IMPROVED;
        }
        if (reaches(-gain, mcid)) {
            return Change.WORSENED;
        }
        return Change.NO_CLINICALLY_IMPORTANT_CHANGE;
    }

    /** True when {@link #change(double, double)} is {@link Change#IMPROVED}: the MCID is an improvement threshold. */
    public boolean isClinicallyImportantChange(double before, double after) {
        return change(before, after) == Change.IMPROVED;
    }

    /*
     * Mean scores (PSFS) and ODI percentages over 45 or 40 points are not exact in binary, so a change that is
     * the MCID on paper (e.g. 7.4 - 5.4) may come out a hair below it; 1e-9 is far below any real score step.
     */
    private static boolean reaches(double value, double threshold) {
        return value >= threshold - 1e-9;
    }

    void requireInRange(String field, double score) {
        if (!Double.isFinite(score) || score < min || score > max) {
            // The field ("total", "PA subscale", "before") is named in the user's language: error.measure.field.<field without spaces>.
            throw new UserFacingException("error.measure.range", abbreviation,
                    UserFacingException.Problem.text("error.measure.field." + field.replace(" ", "")), format(score), format(min), format(max));
        }
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : Double.toString(value);
    }
}
