package io.backstory.care.ui;

import io.backstory.base.ui.Formats;
import io.backstory.measures.Instrument;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A measure's score as the episode page and the measures form show it ("41 % · moderate", "12 · PA 12 · W 30 · high"):
 * subscale and band names are the scoring's English keys, put into the user's words here (issue 16). The instrument's
 * name stays as the clinic knows it.
 */
final class MeasureText {

    private MeasureText() {
    }

    static String score(Function<String, String> translation, Instrument instrument, double total, Map<String, Double> subscales,
                        @Nullable String category) {
        StringBuilder text = new StringBuilder(Formats.number(Math.round(total * 10) / 10.0));
        if (instrument == Instrument.ODI) {
            text.append(" %");
        }
        subscales.forEach((k, v) -> text.append(" · ").append(translation.apply("measure.subscale." + k)).append(' ')
                .append(Formats.number(v)));
        if (category != null) {
            text.append(" · ").append(translation.apply("measure.category." + category.toLowerCase(Locale.ROOT)));
        }
        return text.toString();
    }
}
