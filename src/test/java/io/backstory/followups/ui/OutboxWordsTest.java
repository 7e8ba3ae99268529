package io.backstory.followups.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.followups.OutboxStatus;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Outbox view shows a message's kind and status in words: it showed the raw INVITATION and HELD, in Spanish too. */
class OutboxWordsTest {

    @ParameterizedTest
    @ValueSource(strings = {"en", "es"})
    void shouldNameEveryStatusAndKindInEachLanguage(String language) {
        ResourceBundle bundle = ResourceBundle.getBundle("vaadin-i18n.translations",
                "en".equals(language) ? Locale.ROOT : Locale.of(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        for (OutboxStatus status : OutboxStatus.values()) {
            assertThat(bundle.containsKey("outbox.status." + status.name())).as(language + " " + status).isTrue();
            assertThat(bundle.getString("outbox.status." + status.name())).isNotEqualTo(status.name());
        }
        // The kinds V12_1__check_in_messages.sql allows (check (kind in ...)).
        for (String kind : new String[] {"INVITATION", "REMINDER_1", "REMINDER_2"}) {
            assertThat(bundle.containsKey("outbox.kind." + kind)).as(language + " " + kind).isTrue();
        }
    }
}
