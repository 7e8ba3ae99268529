package io.backstory.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;

/**
 * A form's request to act on what was typed, carried as the module's command: the form validates, the view
 * calls the service with {@link #command()} and shows the service's problems back in the form.
 */
public abstract class CommandEvent<F extends Component, C> extends ComponentEvent<F> {

    private final C command;

    protected CommandEvent(F source, C command) {
        super(source, false);
        this.command = command;
    }

    public C command() {
        return command;
    }
}
