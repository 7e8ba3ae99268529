package io.backstory.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import io.backstory.base.ConcurrentEditException;
import io.backstory.base.RecordNotFoundException;
import io.backstory.base.UserFacingException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;

/**
 * The problems a service reported about the form, shown above the save button. Services join the problems of
 * every field with "; ", each naming its field and rule, so the user sees all of them at once and nothing typed
 * is cleared.
 *
 * <p>Every form saves through {@link #save}: a save never fails silently. Bad input lists the service's
 * problems; anything else (the database unreachable or restarting, a constraint the form did not know) says what
 * was not saved and what to do, keeps the form open with everything typed, and logs one line with the cause and
 * a short reference the user can quote.
 */
public class ErrorSummary extends Div {

    private static final Logger log = LoggerFactory.getLogger(ErrorSummary.class);

    public ErrorSummary() {
        addClassName("error-summary");
        getElement().setAttribute("role", "alert");
        setVisible(false);
    }

    public void show(String heading, String message) {
        removeAll();
        UnorderedList list = new UnorderedList();
        Arrays.stream(message.split("; ")).map(ListItem::new).forEach(list::add);
        add(new Span(heading), list);
        setVisible(true);
    }

    public void clear() {
        removeAll();
        setVisible(false);
    }

    /**
     * Runs a save and returns what it returned, or empty when nothing was saved; the summary then says why.
     *
     * @param what what the user was saving, in their words ("the patient", "the visit"), for the message
     */
    public <T> Optional<T> save(String what, Supplier<T> action) {
        clear();
        try {
            return Optional.ofNullable(action.get());
        } catch (IllegalArgumentException problem) {
            show(getTranslation("form.problems"), UserFacingException.localized(problem, getLocale()));
        } catch (ConcurrentEditException conflict) {
            show(getTranslation("form.problems"), conflict.localized(getLocale()));
            Button reload = new Button(getTranslation("save.reload"), click -> UI.getCurrent().getPage().reload());
            reload.addClassName("error-summary-reload");
            add(reload);
        } catch (AccessDeniedException denied) {
            log.warn("Not saved ({}): access denied: {}", what, UnexpectedErrors.cause(denied));
            show(getTranslation("save.failed.title", what), getTranslation("save.failed.denied"));
        } catch (RecordNotFoundException gone) {
            log.warn("Not saved ({}): {}", what, gone.getMessage());
            show(getTranslation("save.failed.title", what), getTranslation("save.failed.gone"));
        } catch (RuntimeException failure) {
            String reference = UnexpectedErrors.reference();
            log.error("Not saved ({}) [ref {}]: {}", what, reference, UnexpectedErrors.cause(failure));
            show(getTranslation("save.failed.title", what), getTranslation("save.failed.retry", reference));
        }
        return Optional.empty();
    }

    /** As {@link #save(String, Supplier)} for an action without a result; true when it was saved. */
    public boolean run(String what, Runnable action) {
        return save(what, () -> {
            action.run();
            return Boolean.TRUE;
        }).isPresent();
    }
}
