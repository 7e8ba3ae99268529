package io.backstory.base.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.NotFoundException;
import java.util.OptionalLong;

/**
 * Ids in record routes ({@code patients/:patientId}): a non-numeric id ({@code /patients/abc}) or a record that
 * does not exist in the user's clinic shows the same not-found page ({@link NotFoundView}, HTTP 404), never a
 * framework error.
 */
public final class RecordRoute {

    private RecordRoute() {
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

    /** Shows the not-found page instead of the view. */
    public static void notFound(BeforeEnterEvent event) {
        event.rerouteToError(NotFoundException.class);
    }
}
