package io.backstory.measures;

import io.backstory.base.UserFacingException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One instrument as the therapist entered it: item answers in form order (null entries = unanswered), or a total.
 * FABQ entered as totals needs {@code total} = PA and {@code subscale} = W; STarT Back needs the total and the
 * distress subscale.
 */
public record MeasureEntry(Instrument instrument, @Nullable List<Integer> items, @Nullable Double total,
                           @Nullable Double subscale) {

    public static MeasureEntry items(Instrument instrument, List<Integer> items) {
        return new MeasureEntry(instrument, items, null, null);
    }

    public static MeasureEntry total(Instrument instrument, double total) {
        return new MeasureEntry(instrument, null, total, null);
    }

    public static MeasureEntry total(Instrument instrument, double total, double subscale) {
        return new MeasureEntry(instrument, null, total, subscale);
    }

    /** Scores the entry by the instrument's published rules; throws with a message naming the item and the rule. */
    public InstrumentScore score() {
        if (instrument == null) {
            throw new UserFacingException("error.measure.instrument");
        }
        if (items != null) {
            return Scoring.score(instrument, items);
        }
        if (total == null) {
            throw new UserFacingException("error.measure.itemsOrTotal", instrument.abbreviation());
        }
        return switch (instrument) {
            case FABQ -> {
                if (subscale == null) {
                    throw new UserFacingException("error.measure.fabqWork");
                }
                yield Scoring.fabq(total, subscale);
            }
            case STARTBACK -> {
                if (subscale == null) {
                    throw new UserFacingException("error.measure.startBackDistress");
                }
                if (total != Math.rint(total) || subscale != Math.rint(subscale)) {
                    throw new UserFacingException("error.measure.startBackWhole");
                }
                yield Scoring.startBack(total.intValue(), subscale.intValue());
            }
            default -> Scoring.total(instrument, total);
        };
    }
}
