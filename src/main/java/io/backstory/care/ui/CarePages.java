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
        UI.getCurrent().navigate(PatientView.class, new RouteParameters(PATIENT_ID, String.valueOf(patientId)));
    }

    static void episode(long episodeId) {
        UI.getCurrent().navigate(EpisodeView.class, new RouteParameters(EPISODE_ID, String.valueOf(episodeId)));
    }

    static void logVisit(long episodeId) {
        UI.getCurrent().navigate(LogVisitView.class, new RouteParameters(EPISODE_ID, String.valueOf(episodeId)));
    }

    static void editVisit(long visitId) {
        UI.getCurrent().navigate(EditVisitView.class, new RouteParameters(VISIT_ID, String.valueOf(visitId)));
    }
}
