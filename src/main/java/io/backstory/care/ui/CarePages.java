package io.backstory.care.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouteParameters;
import io.backstory.base.ui.RecordPages;
import org.springframework.stereotype.Component;

/**
 * Typed navigation to the care pages: {@code navigate(View.class, RouteParameters)} checks the target at compile
 * time, where a string URL ("episodes/" + id) breaks silently when a route changes. The URLs stay as they were
 * (bookmarks and tests use them); the parameter names are the routes' ones.
 */
@Component
class CarePages implements RecordPages {

    static final String PATIENT_ID = "patientId";
    static final String EPISODE_ID = "episodeId";
    static final String VISIT_ID = "visitId";

    @Override
    public void openPatient(long patientId) {
        patient(patientId);
    }

    @Override
    public void openEpisode(long episodeId) {
        episode(episodeId);
    }

    static void patient(long patientId) {
        open(PatientView.class, PATIENT_ID, patientId);
    }

    static void episode(long episodeId) {
        open(EpisodeView.class, EPISODE_ID, episodeId);
    }

    static void logVisit(long episodeId) {
        open(LogVisitView.class, EPISODE_ID, episodeId);
    }

    static void editVisit(long visitId) {
        open(EditVisitView.class, VISIT_ID, visitId);
    }

    /** The one place a care page's address is built: the view and its record's id under the route's name for it. */
    private static void open(Class<? extends com.vaadin.flow.component.Component> view, String parameter, long id) {
        UI.getCurrent().navigate(view, new RouteParameters(parameter, String.valueOf(id)));
    }
}
