package io.backstory.base.ui;

/**
 * Opens the people page ready to add a therapist, from the clinic's getting-started page: typed navigation (as
 * {@link RecordPages}) to a page of the security module, whose views are not its API. Implemented by
 * {@code security.ui.PeopleNavigation}.
 */
public interface PeoplePages {

    void addTherapist();
}
