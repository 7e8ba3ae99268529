package io.backstory.care.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.router.Route;
import io.backstory.base.ui.Formats;
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
@Route("visits/:" + CarePages.VISIT_ID + "/edit")
@RolesAllowed({"THERAPIST", "ADMIN"})
public class EditVisitView extends VisitPage {

    long version;

    public EditVisitView(VisitService visits, EpisodeService episodes, Clock clock) {
        super(visits, episodes, clock, "edit-visit-view", CarePages.VISIT_ID);
    }

    @Override
    void render(long visitId) {
        VisitSummary visit = visits.get(visitId);
        version = visit.version();
        EpisodeSummary episode = episodes.get(visit.episodeId());
        form = new VisitForm(new VisitCommand(visit.episodeId(), visit.visitDate(), visit.therapistId(), visit.minutes(),
                visit.nprs(), visit.note(), visit.factors(), visit.interventionIds()), episodes.therapistsWith(visit.therapistId()), visits.catalogue(), clock);
        form.addSaveListener(e -> {
            // a conflict (someone saved the visit meanwhile) is shown with a button to reload it
            if (form.errors.run(getTranslation("save.what.visit"), () -> visits.update(visitId, version, e.command()))) {
                savedBackTo(visit.episodeId(), getTranslation("visit.updated"));
            }
        });
        add(new H2(getTranslation("visit.edit.title", episode.patientName(), Formats.date(visit.visitDate()))), form);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.editVisit"));
    }
}
