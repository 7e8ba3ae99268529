package io.backstory.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.HttpStatusCode;
import jakarta.annotation.security.PermitAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A page that failed to open (the database unreachable while it loaded, a bug): a plain message inside the app
 * frame with a reference and a way back, instead of Vaadin's "There was an exception while trying to navigate";
 * the cause goes to the log in one line with the same reference.
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class PageErrorView extends VerticalLayout implements HasErrorParameter<Exception> {

    private static final Logger log = LoggerFactory.getLogger(PageErrorView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        String reference = UnexpectedErrors.reference();
        log.error("Page /{} failed to open [ref {}]: {}", event.getLocation().getPath(), reference,
                UnexpectedErrors.cause(parameter.getCaughtException()));
        removeAll();
        addClassName("page-error-view");
        add(new H2(getTranslation("error.page.title")),
                new Paragraph(getTranslation("error.page.text", reference)),
                new Anchor(event.getLocation().getPath(), getTranslation("error.page.retry")),
                new Anchor("", getTranslation("error.notFound.home")));
        return HttpStatusCode.INTERNAL_SERVER_ERROR.getCode();
    }
}
