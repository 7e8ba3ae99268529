package io.backstory.measures;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scored instrument. {@code subscales} is empty unless the instrument has subscales (FABQ: "PA" and "W";
 * STarT Back: "distress"), in the order the instrument reports them. {@code category} is null unless the
 * instrument has published bands: ODI ("minimal" ... "bed-bound"), FABQ ("high" when PA &gt; 14, else "low"),
 * STarT Back ("low", "medium", "high").
 */
public record InstrumentScore(Instrument instrument, double total, Map<String, Double> subscales, String category) {

    public InstrumentScore {
        if (instrument == null) {
            throw new IllegalArgumentException("instrument: must not be null");
        }
        instrument.requireInRange("total", total);
        subscales = subscales == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(subscales));
    }

    /** The subscale's score; throws when the instrument has no such subscale. */
    public double subscale(String name) {
        Double value = subscales.get(name);
        if (value == null) {
            throw new IllegalArgumentException("subscale: " + instrument.abbreviation() + " has no subscale '"
                    + name + "' (has " + subscales.keySet() + ")");
        }
        return value;
    }
}
