package io.backstory.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import org.junit.jupiter.api.Test;

/** Issue 16: "saved" is announced politely, an error at once (aria-live on the notification card). */
class NoticesTest extends BrowserlessTest {

    @Test
    void shouldAnnounceASavePolitelyAndAnErrorAssertively() {
        Notification saved = Notices.saved("Visit saved", 4000);
        Notification error = Notices.error("Something went wrong", 10_000);

        assertThat(saved.isAssertive()).isFalse();
        assertThat(saved.getThemeNames()).contains(NotificationVariant.LUMO_SUCCESS.getVariantName());
        assertThat(error.isAssertive()).isTrue();
        assertThat(error.getThemeNames()).contains(NotificationVariant.LUMO_ERROR.getVariantName());
    }
}
