package io.backstory.care.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
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
import io.backstory.visits.VisitService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;

/** Logs a visit of an episode, prefilled with today, the therapist and the previous visit's plan. */
@Route("visits/new/:episodeId")
@RolesAllowed({"THERAPIST", "ADMIN"})
public class LogVisitView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final VisitService visits;
    private final EpisodeService episodes;
    private final Clock clock;
    VisitForm form;

    public LogVisitView(VisitService visits, EpisodeService episodes, Clock clock) {
        this.visits = visits;
        this.clock = clock;
        this.episodes = episodes;
        addClassName("log-visit-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        RecordRoute.show(event, CarePages.EPISODE_ID, episodeId -> {
            EpisodeSummary episode = episodes.get(episodeId);
            H2 title = new H2(getTranslation("visit.log.title", episode.patientName()));
            int done = visits.list(episodeId).size();
            Paragraph context = new Paragraph(getTranslation(done == 0 ? "visit.log.context.first" : "visit.log.context",
                    Formats.date(episode.startDate()), done));
            context.addClassName("muted");
            form = new VisitForm(visits.prefill(episodeId), episodes.therapists(), visits.catalogue(), clock);
            form.addSaveListener(e -> {
                form.errors.save(getTranslation("save.what.visit"), () -> visits.log(e.command())).ifPresent(saved -> {
                    Notices.saved(getTranslation("visit.saved", episode.patientName(), saved.factors().size()), 4000);
                    CarePages.episode(episodeId);
                });
            });
            add(title, context, form);
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.logVisit"));
    }
}
