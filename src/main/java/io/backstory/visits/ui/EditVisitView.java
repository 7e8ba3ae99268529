package io.backstory.visits.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.backstory.base.ConcurrentEditException;
import io.backstory.base.RecordNotFoundException;
import io.backstory.base.ui.Formats;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.visits.VisitCommand;
import io.backstory.visits.VisitService;
import io.backstory.visits.VisitSummary;
import jakarta.annotation.security.RolesAllowed;
import java.util.NoSuchElementException;

/**
 * Corrects a saved visit. The form remembers the version it was opened at: if a colleague saved the visit in the
 * meantime, the save is refused with an explanation and the user's changes stay in the form.
 */
@Route("visits/:visitId/edit")
@RolesAllowed({"THERAPIST", "ADMIN"})
public class EditVisitView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final VisitService visits;
    private final EpisodeService episodes;
    VisitForm form;
    long version;

    public EditVisitView(VisitService visits, EpisodeService episodes) {
        this.visits = visits;
        this.episodes = episodes;
        addClassName("edit-visit-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        try {
            long visitId = event.getRouteParameters().getLong("visitId").orElseThrow();
            VisitSummary visit = visits.get(visitId);
            version = visit.version();
            EpisodeSummary episode = episodes.get(visit.episodeId());
            form = new VisitForm(new VisitCommand(visit.episodeId(), visit.visitDate(), visit.therapistId(), visit.minutes(),
                    visit.nprs(), visit.note(), visit.factors(), visit.interventionIds()), episodes.therapistsWith(visit.therapistId()), visits.catalogue());
            form.addSaveListener(e -> {
                try {
                    visits.update(visitId, version, e.command());
                    Notification.show(getTranslation("visit.updated"), 4000, Notification.Position.BOTTOM_START)
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    UI.getCurrent().navigate("episodes/" + visit.episodeId());
                } catch (ConcurrentEditException conflict) {
                    form.showError(conflict.getMessage());
                    Button reload = new Button(getTranslation("visit.reload"), click -> UI.getCurrent().getPage().reload());
                    form.errors.add(reload);
                } catch (IllegalArgumentException problem) {
                    form.showError(problem.getMessage());
                }
            });
            add(new H2(getTranslation("visit.edit.title", episode.patientName(), Formats.date(visit.visitDate()))), form);
        } catch (RecordNotFoundException | NoSuchElementException e) {
            add(new H2(getTranslation("notFound.visit")));
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.editVisit"));
    }
}
