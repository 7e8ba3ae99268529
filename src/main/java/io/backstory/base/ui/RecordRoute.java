package io.backstory.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.RouteParameters;
import io.backstory.base.RecordNotFoundException;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * Ids in record routes ({@code patients/:patientId}): a non-numeric id ({@code /patients/abc}) or a record that
 * does not exist in the user's clinic shows the same not-found page ({@link NotFoundView}, HTTP 404), never a
 * framework error. {@link #show} is the one place record pages turn "no such record" into that page, so the pages
 * do not each catch {@link RecordNotFoundException} (they did, in four copies).
 */
public final class RecordRoute {

    private RecordRoute() {
    }

    /**
     * Renders the record page for the id in the route parameter; a missing or non-numeric id, or a
     * {@link RecordNotFoundException} while rendering, shows the not-found page instead.
     */
    public static void show(BeforeEnterEvent event, String parameter, LongConsumer render) {
        OptionalLong id = id(event, parameter);
        if (id.isEmpty()) {
            return;
        }
        try {
            render.accept(id.getAsLong());
        } catch (RecordNotFoundException e) {
            notFound(event);
        }
    }

    /** The id in the route parameter; empty (and the not-found page shown) when it is missing or not a number. */
    public static OptionalLong id(BeforeEnterEvent event, String parameter) {
        String value = event.getRouteParameters().get(parameter).orElse("");
        if (!value.isEmpty() && value.length() <= 18 && value.chars().allMatch(Character::isDigit)) {
            return OptionalLong.of(Long.parseLong(value));
        }
        notFound(event);
        return OptionalLong.empty();
    }

    /**
     * Opens the record page {@code view} for record {@code id}, typed: {@code navigate(View.class, RouteParameters)}
     * fails at compile time when a view moves, where a string URL ("episodes/" + id) breaks silently. The URLs stay as
     * they were (bookmarks use them).
     */
    public static void open(Class<? extends Component> view, String parameter, long id) {
        UI.getCurrent().navigate(view, new RouteParameters(parameter, String.valueOf(id)));
    }

    /** Shows the not-found page instead of the view: Vaadin's {@link NotFoundException}, which {@link NotFoundView} handles. */
    public static void notFound(BeforeEnterEvent event) {
        event.rerouteToError(NotFoundException.class);
    }
}
