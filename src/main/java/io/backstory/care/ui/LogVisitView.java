package io.backstory.care.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Route;
import io.backstory.base.ui.Formats;
import io.backstory.patients.EpisodeService;
import io.backstory.patients.EpisodeSummary;
import io.backstory.visits.VisitService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;

/** Logs a visit of an episode, prefilled with today, the therapist and the previous visit's plan. */
@Route("visits/new/:" + CarePages.EPISODE_ID)
@RolesAllowed({"THERAPIST", "ADMIN"})
public class LogVisitView extends VisitPage {

    public LogVisitView(VisitService visits, EpisodeService episodes, Clock clock) {
        super(visits, episodes, clock, "log-visit-view", CarePages.EPISODE_ID);
    }

    @Override
    void render(long episodeId) {
        EpisodeSummary episode = episodes.get(episodeId);
        H2 title = new H2(getTranslation("visit.log.title", episode.patientName()));
        int done = visits.list(episodeId).size();
        Paragraph context = new Paragraph(getTranslation(done == 0 ? "visit.log.context.first" : "visit.log.context",
                Formats.date(episode.startDate()), done));
        context.addClassName("muted");
        form = new VisitForm(visits.prefill(episodeId), episodes.therapists(), visits.catalogue(), clock);
        form.addSaveListener(e -> {
            form.errors.save(getTranslation("save.what.visit"), () -> visits.log(e.command())).ifPresent(saved -> {
                savedBackTo(episodeId, getTranslation("visit.saved", episode.patientName(), saved.factors().size()));
            });
        });
        add(title, context, form);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.logVisit"));
    }
}
