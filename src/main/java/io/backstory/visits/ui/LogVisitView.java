package io.backstory.visits.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.backstory.base.RecordNotFoundException;
import io.backstory.base.ui.Formats;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.visits.VisitService;
import io.backstory.visits.VisitSummary;
import jakarta.annotation.security.RolesAllowed;
import java.util.NoSuchElementException;

/** Logs a visit of an episode, prefilled with today, the therapist and the previous visit's plan. */
@Route("visits/new/:episodeId")
@RolesAllowed({"THERAPIST", "ADMIN"})
public class LogVisitView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final VisitService visits;
    private final EpisodeService episodes;
    VisitForm form;

    public LogVisitView(VisitService visits, EpisodeService episodes) {
        this.visits = visits;
        this.episodes = episodes;
        addClassName("log-visit-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        try {
            long episodeId = event.getRouteParameters().getLong("episodeId").orElseThrow();
            EpisodeSummary episode = episodes.get(episodeId);
            H2 title = new H2(getTranslation("visit.log.title", episode.patientName()));
            int done = visits.list(episodeId).size();
            Paragraph context = new Paragraph(getTranslation(done == 0 ? "visit.log.context.first" : "visit.log.context",
                    Formats.date(episode.startDate()), done));
            context.addClassName("muted");
            form = new VisitForm(visits.prefill(episodeId), episodes.therapists(), visits.catalogue());
            form.addSaveListener(e -> {
                try {
                    VisitSummary saved = visits.log(e.command());
                    Notification.show(getTranslation("visit.saved", episode.patientName(), saved.factors().size()),
                            4000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    UI.getCurrent().navigate("episodes/" + episodeId);
                } catch (IllegalArgumentException problem) {
                    form.showError(problem.getMessage());
                }
            });
            add(title, context, form);
        } catch (RecordNotFoundException | NoSuchElementException e) {
            add(new H2(getTranslation("notFound.episode")));
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.logVisit"));
    }
}
