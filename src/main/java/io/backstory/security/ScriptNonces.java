package io.backstory.security;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.stereotype.Component;

/**
 * Gives every script element of Vaadin's bootstrap page the nonce that {@link SecurityHeadersFilter}
 * put in this response's content security policy, so the policy can refuse every other inline script.
 */
@Component
class ScriptNonces implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(response -> {
            if (response.getVaadinRequest().getAttribute(SecurityHeadersFilter.NONCE_ATTRIBUTE) instanceof String nonce) {
                response.getDocument().select("script").forEach(script -> script.attr("nonce", nonce));
            }
        });
    }
}
