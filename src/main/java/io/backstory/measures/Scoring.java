package io.backstory.measures;

import io.backstory.base.UserFacingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores the instruments of DESIGN §3 by their published rules, either from item answers or from a total the
 * therapist copies from a paper form. Every bad input is rejected with a message naming the instrument, the
 * item and the rule.
 */
public final class Scoring {

    /** FABQ physical-activity subscale items (Waddell 1993): 2-5. */
    private static final int[] FABQ_PHYSICAL_ACTIVITY_ITEMS = {2, 3, 4, 5};
    /** FABQ work subscale items (Waddell 1993): 6, 7, 9, 10, 11, 12, 15; items 1, 8, 13, 14, 16 are not scored. */
    private static final int[] FABQ_WORK_ITEMS = {6, 7, 9, 10, 11, 12, 15};
    /** Cut-off for high fear-avoidance about physical activity used by DESIGN §3 and §5: PA &gt; 14. */
    private static final double FABQ_PA_HIGH_ABOVE = 14;
    /** FABQ work subscale range: 7 items x 0-6. */
    private static final double FABQ_WORK_MAX = 42;
    /** STarT Back (Hill 2008): low risk when the total is at most 3; high when the distress subscale is at least 4. */
    private static final int STARTBACK_LOW_AT_MOST = 3;
    private static final int STARTBACK_HIGH_DISTRESS_AT_LEAST = 4;
    /** STarT Back distress (psychosocial) subscale: items 5-9, so items 1-4 add at most 4 to the total. */
    private static final int STARTBACK_FIRST_DISTRESS_ITEM = 5;
    private static final int STARTBACK_DISTRESS_MAX = 5;

    private static final int UNANSWERED = Integer.MIN_VALUE;

    public static final String FABQ_PHYSICAL_ACTIVITY = "PA";
    public static final String FABQ_WORK = "W";
    public static final String STARTBACK_DISTRESS = "distress";

    private Scoring() {
    }

    /**
     * Scores item answers in form order (item 1 first); a null entry is an unanswered item. Only ODI (8 of 10
     * sections answered) and PSFS (3-5 activities) may be scored with items missing; every other instrument needs
     * every item.
     */
    public static InstrumentScore score(Instrument instrument, List<Integer> itemAnswers) {
        requireInstrument(instrument);
        if (itemAnswers == null) {
            throw new IllegalArgumentException(instrument.abbreviation() + " itemAnswers: must not be null");
        }
        int[] answers = validatedAnswers(instrument, itemAnswers);
        return switch (instrument) {
            case NPRS, RMDQ, TSK11, PSEQ -> new InstrumentScore(instrument, sum(answers), Map.of(), null);
            case ODI -> odiPercent(sum(answers) / (5.0 * answered(answers)) * 100);
            case PSFS -> new InstrumentScore(instrument, sum(answers) / answered(answers), Map.of(), null);
            case FABQ -> fabq(sum(answers, FABQ_PHYSICAL_ACTIVITY_ITEMS), sum(answers, FABQ_WORK_ITEMS));
            case STARTBACK -> startBack((int) sum(answers),
                    (int) sum(answers, STARTBACK_FIRST_DISTRESS_ITEM, instrument.maxItems()));
        };
    }

    /**
     * Records a total entered directly: NPRS, ODI (percent), RMDQ, PSFS (mean), TSK-11, PSEQ. Sums of integer items
     * must be whole numbers; the ODI percent and the PSFS mean need not be. FABQ and STarT Back need a subscale to
     * be interpreted: use {@link #fabq(double, double)} and {@link #startBack(int, int)}.
     */
    public static InstrumentScore total(Instrument instrument, double total) {
        requireInstrument(instrument);
        return switch (instrument) {
            case FABQ -> throw new IllegalArgumentException(
                    "FABQ total: enter both subscales (physical activity and work) with Scoring.fabq(pa, w)");
            case STARTBACK -> throw new IllegalArgumentException(
                    "STarT Back total: enter the total and the distress subscale with Scoring.startBack(total, distress)");
            case ODI -> odiPercent(total);
            case PSFS -> new InstrumentScore(instrument, total, Map.of(), null);
            case NPRS, RMDQ, TSK11, PSEQ -> {
                instrument.requireInRange("total", total);
                requireWhole(instrument.abbreviation() + " total", total);
                yield new InstrumentScore(instrument, total, Map.of(), null);
            }
        };
    }

    /** FABQ from its two subscales: physical activity (0-24) is the total, work (0-42) is reported beside it. */
    public static InstrumentScore fabq(double physicalActivity, double work) {
        Instrument.FABQ.requireInRange("PA subscale", physicalActivity);
        requireWhole("FABQ PA subscale", physicalActivity);
        if (!Double.isFinite(work) || work < 0 || work > FABQ_WORK_MAX) {
            throw new UserFacingException("error.measure.fabqWorkRange", Instrument.format(work), Instrument.format(FABQ_WORK_MAX));
        }
        requireWhole("FABQ W subscale", work);
        Map<String, Double> subscales = new LinkedHashMap<>();
        subscales.put(FABQ_PHYSICAL_ACTIVITY, physicalActivity);
        subscales.put(FABQ_WORK, work);
        String category = physicalActivity > FABQ_PA_HIGH_ABOVE ? "high" : "low";
        return new InstrumentScore(Instrument.FABQ, physicalActivity, subscales, category);
    }

    /** STarT Back from its total (0-9) and distress subscale (items 5-9, 0-5), categorised by Hill 2008. */
    public static InstrumentScore startBack(int total, int distress) {
        Instrument.STARTBACK.requireInRange("total", total);
        if (distress < 0 || distress > STARTBACK_DISTRESS_MAX) {
            throw new UserFacingException("error.measure.distressRange", String.valueOf(distress), String.valueOf(STARTBACK_DISTRESS_MAX));
        }
        int nonDistress = STARTBACK_FIRST_DISTRESS_ITEM - 1;
        if (distress > total || total - distress > nonDistress) {
            throw new UserFacingException("error.measure.distressTotal", String.valueOf(distress), String.valueOf(total), String.valueOf(nonDistress));
        }
        String category;
        if (total <= STARTBACK_LOW_AT_MOST) {
            category = "low";
        } else if (distress >= STARTBACK_HIGH_DISTRESS_AT_LEAST) {
            category = "high";
        } else {
            category = "medium";
        }
        return new InstrumentScore(Instrument.STARTBACK, total, Map.of(STARTBACK_DISTRESS, (double) distress), category);
    }

    /**
     * Fairbank's bands are printed as whole percentages (0-20, 21-40, 41-60, 61-80, 81-100), but a form with one or
     * two sections missing gives fractions (e.g. 9/45 = 20.0 %, 10/45 = 22.2 %). A percentage belongs to the band
     * whose upper limit it does not exceed: 20.0 is minimal, 20.1 moderate. This reads each printed band as
     * "above the previous limit, up to this one" and needs no rounding rule.
     */
    static String odiBand(double percent) {
        if (percent <= 20) {
            return "minimal";
        } else if (percent <= 40) {
            return "moderate";
        } else if (percent <= 60) {
            return "severe";
        } else if (percent <= 80) {
            return "crippled";
        }
        return "bed-bound";
    }

    private static InstrumentScore odiPercent(double percent) {
        return new InstrumentScore(Instrument.ODI, percent, Map.of(), odiBand(percent));
    }

    /*
     * ODI: Fairbank & Pynsent (2000) score a form with one section missed over 45 instead of 50, i.e. over
     * 5 x sections answered; DESIGN §3 applies the same rule to a second missing section (over 40) and the app
     * rejects forms with fewer than 8 sections, where the index would rest on too little of the questionnaire.
     * PSFS: the patient names 3 to 5 activities (Stratford 1995); the score is the mean of those rated.
     */
    private static int[] validatedAnswers(Instrument instrument, List<Integer> itemAnswers) {
        String name = instrument.abbreviation();
        String noun = instrument.itemNoun();
        int size = itemAnswers.size();
        if (size < instrument.minItems() || size > instrument.maxItems()) {
            String expected = instrument.minItems() == instrument.maxItems()
                    ? "exactly " + instrument.maxItems()
                    : instrument.minItems() + "–" + instrument.maxItems();
            throw new IllegalArgumentException(name + " itemAnswers: " + size + " " + plural(noun, size)
                    + " given, " + expected + " expected");
        }
        int[] answers = new int[size];  // UNANSWERED marks a null entry
        int answered = 0;
        for (int i = 0; i < size; i++) {
            Integer answer = itemAnswers.get(i);
            int number = i + 1;
            if (answer == null) {
                if (instrument.minAnswered() == instrument.maxItems()) {
                    String required = instrument.maxItems() == 1 ? "the " + noun + " is required"
                            : "all " + instrument.maxItems() + " " + plural(noun, 2) + " are required";
                    throw new IllegalArgumentException(name + " " + noun + " " + number + ": unanswered; " + required);
                }
                answers[i] = UNANSWERED;
                continue;
            }
            if (answer < instrument.itemMin() || answer > instrument.itemMax()) {
                throw new UserFacingException("error.measure.answerRange", name, UserFacingException.Problem.text("error.measure.noun." + noun),
                        String.valueOf(number), String.valueOf(answer), String.valueOf(instrument.itemMin()), String.valueOf(instrument.itemMax()));
            }
            answers[i] = answer;
            answered++;
        }
        if (answered < instrument.minAnswered()) {
            throw new IllegalArgumentException(name + " itemAnswers: " + answered + " " + plural(noun, answered)
                    + " answered, at least " + instrument.minAnswered() + " needed to score");
        }
        return answers;
    }

    private static String plural(String noun, int count) {
        if (count == 1) {
            return noun;
        }
        return noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
    }

    private static double sum(int[] answers) {
        return sum(answers, 1, answers.length);
    }

    private static double sum(int[] answers, int firstItem, int lastItem) {
        double sum = 0;
        for (int item = firstItem; item <= lastItem; item++) {
            if (answers[item - 1] != UNANSWERED) {
                sum += answers[item - 1];
            }
        }
        return sum;
    }

    private static double sum(int[] answers, int[] items) {
        double sum = 0;
        for (int item : items) {
            sum += answers[item - 1];
        }
        return sum;
    }

    private static int answered(int[] answers) {
        int answered = 0;
        for (int answer : answers) {
            if (answer != UNANSWERED) {
                answered++;
            }
        }
        return answered;
    }

    private static void requireInstrument(Instrument instrument) {
        if (instrument == null) {
            throw new IllegalArgumentException("instrument: must not be null");
        }
    }

    private static void requireWhole(String field, double value) {
        if (value != Math.rint(value)) {
            throw new UserFacingException("error.measure.whole", field, String.valueOf(value));
        }
    }
}
