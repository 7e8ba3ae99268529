package io.backstory.care.ui;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import io.backstory.base.ui.Notices;
import io.backstory.base.ui.RecordRoute;
import io.backstory.care.ui.CarePages.Page;
import io.backstory.patients.EpisodeService;
import io.backstory.visits.VisitService;
import java.time.Clock;

/**
 * What logging a visit and correcting one share: the services, the visit form the route fills, and the way back to
 * the episode once the visit is saved. Each page builds its own heading and form on entering.
 */
abstract class VisitPage extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    final VisitService visits;
    final EpisodeService episodes;
    final Clock clock;
    VisitForm form;

    private final String idParameter;

    VisitPage(VisitService visits, EpisodeService episodes, Clock clock, String className, String idParameter) {
        this.visits = visits;
        this.episodes = episodes;
        this.clock = clock;
        this.idParameter = idParameter;
        addClassName(className);
    }

    @Override
    public final void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        RecordRoute.show(event, idParameter, this::render);
    }

    /** Builds the page for the record the route names (a visit or an episode, by the page). */
    abstract void render(long id);

    /** Confirms the save and goes back to the episode, where the visit now shows. */
    static void savedBackTo(long episodeId, String message) {
        Notices.saved(message, 4000);
        Page.EPISODE.open(episodeId);
    }
}
