package io.backstory.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CardPageTest {

    /** A card page drawn twice, as when a second welcome link is opened while the first one's page shows. */
    static final class TwiceDrawn extends CardPage {
        final Button action = new Button();

        TwiceDrawn() {
            super("title.setupPassword");
        }
    }

    @Test
    void shouldRunTheActionOnceWhenThePageWasDrawnAgain() {
        TwiceDrawn page = new TwiceDrawn();
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();

        page.primaryAction(page.action, "Save", first::incrementAndGet);
        page.primaryAction(page.action, "Save", second::incrementAndGet);
        page.action.click();

        assertThat(first).hasValue(0);
        assertThat(second).hasValue(1);
    }
}
