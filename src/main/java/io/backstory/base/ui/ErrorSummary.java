package io.backstory.base.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import java.util.Arrays;

/**
 * The problems a service reported about the form, shown above the save button. Services join the problems of
 * every field with "; ", each naming its field and rule, so the user sees all of them at once and nothing typed
 * is cleared.
 */
public class ErrorSummary extends Div {

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
}
