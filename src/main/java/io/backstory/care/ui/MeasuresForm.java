package io.backstory.care.ui;

import io.backstory.base.UserFacingException.Problem;
import io.backstory.base.UserFacingException;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.backstory.base.ui.Formats;
import io.backstory.measures.Instrument;
import io.backstory.measures.InstrumentScore;
import io.backstory.measures.MeasureEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Outcome measures entered either as item answers or as a total copied from a paper form. Each row shows its score
 * as the therapist types, scored by the same published rules the service applies; a blank row is not recorded.
 */
public class MeasuresForm extends Div {

    final Map<Instrument, Row> rows = new EnumMap<>(Instrument.class);

    public MeasuresForm(List<Instrument> instruments) {
        addClassName("measures-form");
        for (Instrument instrument : instruments) {
            Row row = new Row(instrument);
            rows.put(instrument, row);
            add(row);
        }
    }

    /** The filled-in rows as entries; throws with every row's problem when one cannot be read. */
    public List<MeasureEntry> entries() {
        List<MeasureEntry> entries = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        rows.values().forEach(row -> {
            try {
                row.entry().ifPresent(entries::add);
            } catch (IllegalArgumentException e) {
                problems.addAll(UserFacingException.problemsOf(e));
            }
        });
        if (!problems.isEmpty()) {
            throw new UserFacingException(problems);
        }
        return entries;
    }

    public Row row(Instrument instrument) {
        return rows.get(instrument);
    }

    public final class Row extends Div {
        final Instrument instrument;
        final @Nullable TextField items;
        // Text fields, not number fields: a browser's number field drops a decimal comma ("3,5" becomes 35) and
        // turns other input it cannot read into a blank, which would silently not record the measure.
        final TextField total = new TextField();
        final @Nullable TextField subscale;
        final Span result = new Span();

        Row(Instrument instrument) {
            this.instrument = instrument;
            addClassName("measure-row");
            Span name = new Span(instrument.abbreviation());
            name.addClassName("measure-name");
            name.setTitle(instrument.displayName());
            Span hint = new Span(getTranslation("measure.hint." + instrument.key()));
            hint.addClassName("measure-hint");
            Div label = new Div(name, hint);
            label.addClassName("measure-label");
            add(label);

            if (instrument == Instrument.NPRS) {
                items = null;
            } else {
                items = new TextField();
                items.setPlaceholder(getTranslation("measure.items.placeholder." + instrument.key()));
                items.setAriaLabel(instrument.abbreviation() + " " + getTranslation("measure.items"));
                items.setValueChangeMode(ValueChangeMode.LAZY);
                items.addValueChangeListener(e -> preview());
                items.addClassName("measure-items");
            }
            total.setPlaceholder(getTranslation(instrument == Instrument.FABQ ? "measure.fabq.pa"
                    : instrument == Instrument.ODI ? "measure.total.percent" : "measure.total"));
            total.setAriaLabel(instrument.abbreviation() + " " + total.getPlaceholder());
            total.setValueChangeMode(ValueChangeMode.LAZY);
            total.addValueChangeListener(e -> preview());
            total.addClassName("measure-total");
            if (instrument == Instrument.FABQ || instrument == Instrument.STARTBACK) {
                subscale = new TextField();
                subscale.setPlaceholder(getTranslation(instrument == Instrument.FABQ ? "measure.fabq.w" : "measure.startback.distress"));
                subscale.setAriaLabel(instrument.abbreviation() + " " + subscale.getPlaceholder());
                subscale.setValueChangeMode(ValueChangeMode.LAZY);
                subscale.addValueChangeListener(e -> preview());
                subscale.addClassName("measure-total");
            } else {
                subscale = null;
            }
            Div inputs = new Div();
            inputs.addClassName("measure-inputs");
            if (items != null) {
                inputs.add(items, new Span(getTranslation("measure.or")));
            }
            inputs.add(total);
            if (subscale != null) {
                inputs.add(subscale);
            }
            add(inputs);
            result.addClassName("measure-result");
            add(result);
        }

        private void preview() {
            result.removeClassName("measure-error");
            try {
                Optional<MeasureEntry> entry = entry();
                result.setText(entry.map(e -> describe(e.score())).orElse(""));
            } catch (IllegalArgumentException e) {
                result.setText(UserFacingException.localized(e, getLocale()));
                result.addClassName("measure-error");
            }
        }

        private String describe(InstrumentScore score) {
            return MeasureText.score(this::getTranslation, instrument, score.total(), score.subscales(), score.category());
        }

        Optional<MeasureEntry> entry() {
            String answers = items == null ? "" : items.getValue().strip();
            if (!answers.isEmpty()) {
                return Optional.of(MeasureEntry.items(instrument, parse(answers)));
            }
            Double totalValue = number(total);
            Double subscaleValue = subscale == null ? null : number(subscale);
            if (totalValue == null) {
                if (subscaleValue != null) {
                    throw new UserFacingException("error.measure.enterToo", instrument.abbreviation(), total.getPlaceholder());
                }
                return Optional.empty();
            }
            if (subscale != null) {
                if (subscaleValue == null) {
                    throw new UserFacingException("error.measure.enterToo", instrument.abbreviation(), subscale.getPlaceholder());
                }
                return Optional.of(MeasureEntry.total(instrument, totalValue, subscaleValue));
            }
            return Optional.of(MeasureEntry.total(instrument, totalValue));
        }

        /**
         * A score copied from a paper form; blank: none. A decimal comma reads as a decimal point, as Spanish forms and
         * spreadsheets write it (scores are at most 100, so a comma is never a thousands separator here).
         */
        private @Nullable Double number(TextField field) {
            String text = field.getValue().strip();
            if (text.isEmpty()) {
                return null;
            }
            if (!text.matches("\\d+([.,]\\d+)?")) {
                throw new UserFacingException("error.measure.notNumber", instrument.abbreviation(), field.getPlaceholder(), text);
            }
            return Double.valueOf(text.replace(',', '.'));
        }

        /** "1,2,,3" (a gap = unanswered) or, when every answer is one digit, "0110..." without separators. */
        private List<Integer> parse(String answers) {
            List<String> parts = answers.contains(",") ? Arrays.asList(answers.split(",", -1))
                    : answers.matches("\\d+") && answers.length() > 1 && instrument.itemMax() < 10
                    ? answers.chars().mapToObj(c -> String.valueOf((char) c)).toList()
                    : Arrays.asList(answers.split("\\s+"));
            List<Integer> values = new ArrayList<>();
            for (String part : parts) {
                String p = part.strip();
                if (p.isEmpty()) {
                    values.add(null);
                } else if (p.matches("\\d{1,2}")) {
                    values.add(Integer.valueOf(p));
                } else {
                    throw new UserFacingException("error.measure.notWhole", instrument.abbreviation(), p);
                }
            }
            return values;
        }

        public TextField items() {
            return items;
        }

        public TextField total() {
            return total;
        }

        public TextField subscale() {
            return subscale;
        }

        public String resultText() {
            return result.getText();
        }
    }
}
