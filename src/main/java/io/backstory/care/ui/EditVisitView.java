package io.backstory.care.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.backstory.base.ui.Formats;
import io.backstory.base.ui.Notices;
import io.backstory.base.ui.RecordRoute;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.visits.VisitCommand;
import io.backstory.visits.VisitService;
import io.backstory.visits.VisitSummary;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;

/**
 * Corrects a saved visit. The form remembers the version it was opened at: if a colleague saved the visit in the
 * meantime, the save is refused with an explanation and the user's changes stay in the form.
 */
@Route("visits/:visitId/edit")
@RolesAllowed({"THERAPIST", "ADMIN"})
public class EditVisitView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final VisitService visits;
    private final EpisodeService episodes;
    private final Clock clock;
    VisitForm form;
    long version;

    public EditVisitView(VisitService visits, EpisodeService episodes, Clock clock) {
        this.visits = visits;
        this.clock = clock;
        this.episodes = episodes;
        addClassName("edit-visit-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        RecordRoute.show(event, CarePages.VISIT_ID, visitId -> {
            VisitSummary visit = visits.get(visitId);
            version = visit.version();
            EpisodeSummary episode = episodes.get(visit.episodeId());
            form = new VisitForm(new VisitCommand(visit.episodeId(), visit.visitDate(), visit.therapistId(), visit.minutes(),
                    visit.nprs(), visit.note(), visit.factors(), visit.interventionIds()), episodes.therapistsWith(visit.therapistId()), visits.catalogue(), clock);
            form.addSaveListener(e -> {
                // a conflict (someone saved the visit meanwhile) is shown with a button to reload it
                if (form.errors.run(getTranslation("save.what.visit"), () -> visits.update(visitId, version, e.command()))) {
                    Notices.saved(getTranslation("visit.updated"), 4000);
                    CarePages.episode(visit.episodeId());
                }
            });
            add(new H2(getTranslation("visit.edit.title", episode.patientName(), Formats.date(visit.visitDate()))), form);
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.editVisit"));
    }
}
