package io.backstory.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import io.backstory.base.ui.PeoplePages;
import org.springframework.stereotype.Component;

/** Typed navigation to the people page for the other modules' views ({@link PeoplePages}). */
@Component
class PeopleNavigation implements PeoplePages {

    @Override
    public void addTherapist() {
        UI.getCurrent().navigate(PeopleView.class, QueryParameters.of(PeopleView.ADD, "therapist"));
    }
}
