package io.backstory.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.backstory.base.FailureDiagnostics;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the user sees when an action fails outside a form's save (a button, a list that cannot load): a
 * notification saying the action did not complete and what to do, never a stack trace; and one log line with the
 * cause and a reference the user can quote. Installed for every session.
 */
@Component
class UnexpectedErrors implements VaadinServiceInitListener, ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedErrors.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(this));
    }

    @Override
    public void error(ErrorEvent event) {
        String reference = reference();
        log.error("Action failed [ref {}]: {}", reference, cause(event.getThrowable()));
        UI ui = UI.getCurrent();
        if (ui != null) {
            Notification notification = Notices.error(ui.getTranslation("error.unexpected", reference), 10_000);
            notification.getElement().setAttribute("role", "alert");
            notification.addClassName("unexpected-error");
            notification.open();
        }
    }

    /** A short reference shown to the user and written in the log line, so the two can be matched. */
    static String reference() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    }

    /**
     * The failure on one line without a stack: its exception classes, SQLState, constraint and where in our code, never
     * its message (the database puts patient data in it; {@link FailureDiagnostics}).
     */
    static String cause(Throwable e) {
        return FailureDiagnostics.describe(e);
    }
}
