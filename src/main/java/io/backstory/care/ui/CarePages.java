package io.backstory.care.ui;

import io.backstory.base.ui.RecordPages;
import io.backstory.base.ui.RecordRoute;
import org.springframework.stereotype.Component;

/**
 * The care module's record pages and how to open them, typed ({@link RecordRoute#open}). Views of other modules
 * reach the patient and episode pages through {@link RecordPages}, the care pages through {@link Page}.
 */
@Component
class CarePages implements RecordPages {

    /** Route parameters, used by the pages' {@code @Route} templates and by {@link Page}: each name written once. */
    static final String PATIENT_ID = "patientId";
    static final String EPISODE_ID = "episodeId";
    static final String VISIT_ID = "visitId";

    /** Each record page with the route parameter that names its record. */
    enum Page {
        PATIENT(PatientView.class, PATIENT_ID),
        EPISODE(EpisodeView.class, EPISODE_ID),
        LOG_VISIT(LogVisitView.class, EPISODE_ID),
        EDIT_VISIT(EditVisitView.class, VISIT_ID);

        private final Class<? extends com.vaadin.flow.component.Component> view;
        private final String parameter;

        Page(Class<? extends com.vaadin.flow.component.Component> view, String parameter) {
            this.view = view;
            this.parameter = parameter;
        }

        /** Opens this page for record {@code id}. */
        void open(long id) {
            RecordRoute.open(view, parameter, id);
        }
    }

    @Override
    public void openPatient(long patientId) {
        Page.PATIENT.open(patientId);
    }

    @Override
    public void openEpisode(long episodeId) {
        Page.EPISODE.open(episodeId);
    }
}
