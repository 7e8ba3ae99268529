package io.backstory.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.backstory.security.UserAccountService;
import java.util.Locale;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * Every new page of a signed-in person speaks the language chosen under My account; without a choice Vaadin matches
 * the browser's Accept-Language against the bundles (English when none fits). The document's lang follows, so
 * screen readers pronounce the page in its language.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class UserLanguage implements VaadinServiceInitListener {

    private final UserAccountService accounts;

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(e -> apply(e.getUI()));
    }

    void apply(UI ui) {
        accounts.ownLanguage().map(Locale::forLanguageTag).ifPresent(ui::setLocale);
        ui.getPage().executeJs("document.documentElement.lang = $0", ui.getLocale().toLanguageTag());
    }
}
