package io.backstory.visits;

import java.util.List;

/**
 * A gentle suggestion about the plan. {@code key} identifies the nudge ("beliefs", "recovery", "narrow-plan");
 * {@code missingFactor} is the factor it suggests, or null for the narrow-plan nudge, which names none.
 * {@code messageKey} and {@code arguments} are for the i18n bundle ({@link java.text.MessageFormat} placeholders
 * {0}, {1}, ...; a {@link Factor} argument stands for its translated label). The text lives only in the
 * translations file.
 */
public record Nudge(String key, Factor missingFactor, String messageKey, List<Object> arguments) {

    public Nudge {
        if (key == null || messageKey == null) {
            throw new IllegalArgumentException("key and messageKey: must not be null");
        }
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }
}
