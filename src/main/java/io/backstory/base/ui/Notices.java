package io.backstory.base.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/**
 * Status messages as screen readers should hear them (issue 16, WCAG 4.1.3): a confirmation ("saved") is announced
 * politely, after what the reader is saying; an error interrupts (aria-live assertive). Vaadin's notification card
 * carries the aria-live attribute, polite unless made assertive.
 */
public final class Notices {

    private Notices() {
    }

    /** A confirmation, shown at the bottom and announced politely. */
    public static Notification saved(String text, int millis) {
        Notification n = Notification.show(text, millis, Notification.Position.BOTTOM_START);
        n.setAssertive(false);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        return n;
    }

    /** An error, shown in the middle and announced at once. */
    public static Notification error(String text, int millis) {
        Notification n = new Notification(text, millis, Notification.Position.MIDDLE);
        n.setAssertive(true);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        return n;
    }
}
