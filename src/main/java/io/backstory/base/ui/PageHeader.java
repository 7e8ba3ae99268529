package io.backstory.base.ui;

import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/**
 * The head of a list page, built once so the pages look alike: the title on the left with the page's actions
 * (search, add, export) on the right, and the muted sentence under it that says what the page is for.
 */
public final class PageHeader {

    private PageHeader() {
    }

    /** Title and actions on one line, aligned on the text baseline; the title takes the spare width. */
    public static HorizontalLayout withActions(H2 title, Component... actions) {
        HorizontalLayout header = new HorizontalLayout(title);
        header.add(actions);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.expand(title);
        return header;
    }

    /** The muted sentence under a page title. */
    public static Paragraph intro(String text) {
        Paragraph intro = new Paragraph(text);
        intro.addClassName("muted");
        return intro;
    }

    /** The page's main action (add a patient, add a person): a primary button, its icon before the text. */
    public static Button mainAction(Button button, String text, VaadinIcon icon, ComponentEventListener<ClickEvent<Button>> onClick) {
        button.setText(text);
        button.setIcon(icon.create());
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        button.addClickListener(onClick);
        return button;
    }
}
