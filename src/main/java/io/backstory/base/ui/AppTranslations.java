package io.backstory.base.ui;

import com.vaadin.flow.i18n.DefaultI18NProvider;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The translations bundle with English first. Left to itself Vaadin lists the locales it finds from the bundle
 * files (only translations_es, the English bundle having no suffix) and gives every browser whose language it
 * does not find the first of them: an English browser got Spanish. English is the full bundle and the default;
 * a Spanish browser gets the Spanish texts there are, English for the rest.
 */
@Component
class AppTranslations extends DefaultI18NProvider {

    AppTranslations() {
        super(List.of(Locale.ENGLISH, Locale.of("es")), AppTranslations.class.getClassLoader());
    }
}
