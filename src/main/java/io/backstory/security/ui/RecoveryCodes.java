package io.backstory.security.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import java.util.List;

/** The ten recovery codes, shown once right after enrolment, with what they are for. */
class RecoveryCodes extends Div {

    RecoveryCodes(List<String> codes) {
        addClassName("recovery-codes");
        Div grid = new Div();
        grid.addClassName("recovery-code-grid");
        codes.forEach(c -> {
            Span code = new Span(c);
            code.addClassName("recovery-code");
            grid.add(code);
        });
        Paragraph why = new Paragraph(getTranslation("mfa.recovery.text"));
        add(new H3(getTranslation("mfa.recovery.title")), why, grid);
    }
}
