package io.backstory.base.ui;

import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;

/**
 * "123 / 2,000" under a long text area, in place of the browser's maxlength: maxlength cuts a pasted note at the
 * cap without a word and the end of what the clinician wrote is lost. With the count the writer sees the cap coming,
 * and a note over it stays whole in the field while the service's message says by how much.
 */
public final class CharacterCount {

    /** Counts after a pause in typing, not on every key, so a long note costs a few round trips. */
    private static final int PAUSE_MS = 400;

    private CharacterCount() {
    }

    public static void show(TextArea field, int max) {
        field.setValueChangeMode(ValueChangeMode.LAZY);
        field.setValueChangeTimeout(PAUSE_MS);
        Runnable count = () -> field.setHelperText(field.getTranslation("form.characterCount", field.getValue().length(), max));
        count.run();
        field.addValueChangeListener(e -> count.run());
    }
}
