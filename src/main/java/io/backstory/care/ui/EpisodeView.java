package io.backstory.care.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import io.backstory.base.ui.ErrorSummary;
import io.backstory.base.ui.Formats;
import io.backstory.base.ui.Notices;
import io.backstory.base.ui.RecordRoute;
import io.backstory.care.EpisodeCareService;
import io.backstory.care.EpisodePage;
import io.backstory.care.ui.CarePages.Page;
import io.backstory.followups.FollowUpStatus;
import io.backstory.followups.FollowUpSummary;
import io.backstory.followups.RecurrenceSummary;
import io.backstory.measures.Instrument;
import io.backstory.measures.MeasureSummary;
import io.backstory.measures.MeasureTrend;
import io.backstory.patients.DischargeReason;
import io.backstory.patients.EpisodeSummary;
import io.backstory.visits.CoverageStrip;
import io.backstory.visits.Factor;
import io.backstory.visits.Nudge;
import io.backstory.visits.VisitSummary;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The plan at a glance: who and when, the factors × visits strip, the measures, nudges, discharge and follow-ups. */
@Route("episodes/:" + CarePages.EPISODE_ID)
@RolesAllowed({"THERAPIST", "OWNER", "ADMIN"})
public class EpisodeView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String DISMISSED = "backstory.dismissedNudges";

    private final EpisodeCareService care;
    /** The app's clock, as the services use it: the dialog's "today" and the service's "not in the future" agree. */
    private final Clock clock;
    long episodeId;
    final Div nudges = new Div();
    Dialog dischargeDialog;
    DatePicker dischargeDate;
    Select<DischargeReason> dischargeReason;
    MeasuresForm dischargeMeasures;
    ErrorSummary dischargeErrors;
    Button confirmDischarge;

    public EpisodeView(EpisodeCareService care, Clock clock) {
        this.care = care;
        this.clock = clock;
        addClassName("episode-view");
        nudges.addClassName("nudges");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        RecordRoute.show(event, CarePages.EPISODE_ID, id -> {
            episodeId = id;
            render();
        });
    }

    /** Draws the page from one page model: one service call, one transaction, one audit row per view. */
    EpisodePage render() {
        removeAll();
        EpisodePage page = care.episodePage(episodeId);
        EpisodeSummary episode = page.episode();
        boolean canWrite = page.canWrite();

        Button patient = new Button(episode.patientName(), e -> Page.PATIENT.open(episode.patientId()));
        patient.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        patient.addClassName("episode-patient");
        H2 title = new H2(patient);
        Span status = new Span(episode.open() ? getTranslation("episode.status.open")
                : getTranslation("episode.status.discharged", Formats.date(episode.dischargeDate())));
        status.addClassNames("pill", episode.open() ? "pill-success" : "pill-contrast");
        HorizontalLayout heading = new HorizontalLayout(title, status);
        heading.setAlignItems(Alignment.BASELINE);
        Paragraph facts = new Paragraph(getTranslation("episode.facts", episode.therapistName(), episode.locationName(),
                Formats.date(episode.startDate()), getTranslation("chronicity." + episode.chronicity().name()),
                episode.priorEpisodes()));
        facts.addClassName("muted");
        if (!episode.open()) {
            facts.add(" · " + getTranslation("episode.dischargeReason", getTranslation("discharge.reason." + episode.dischargeReason().name())));
        }

        HorizontalLayout actions = new HorizontalLayout();
        if (canWrite && episode.open()) {
            Button log = new Button(getTranslation("visit.log"), VaadinIcon.PLUS.create(),
                    e -> Page.LOG_VISIT.open(episodeId));
            log.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            log.addClassName("log-visit");
            Button discharge = new Button(getTranslation("discharge.open"), e -> openDischarge(episode));
            discharge.addClassName("discharge");
            actions.add(log, discharge);
        }
        add(heading, facts);
        if (actions.getComponentCount() > 0) {
            add(actions);
        }

        if (page.recurrence() != null) {
            add(recurrenceCallout(page.recurrence()));
        }

        List<VisitSummary> visitList = page.visits();
        renderNudges(page.nudges());
        add(nudges);

        CoverageStrip strip = page.strip();
        H3 planTitle = new H3(getTranslation("episode.plan"));
        Paragraph breadth = new Paragraph(getTranslation("episode.breadth", strip.breadth(), visitList.size()));
        breadth.addClassName("muted");
        add(section(planTitle, breadth, visitList.isEmpty() ? new Paragraph(getTranslation("episode.noVisits"))
                : new CoverageStripView(strip)));

        add(section(new H3(getTranslation("episode.measures")), trends(page.trends())));
        add(section(new H3(getTranslation("episode.visits")), visitGrid(visitList, canWrite)));
        if (!episode.open()) {
            add(section(new H3(getTranslation("episode.followUps")), followUpList(page.followUps())));
        }
        return page;
    }

    private Div section(Component... content) {
        Div section = new Div(content);
        section.addClassName("panel");
        return section;
    }

    private Div recurrenceCallout(RecurrenceSummary r) {
        String how = getTranslation("recurrence.source." + r.source().name());
        String text = r.intensity() == null
                ? getTranslation("recurrence.callout.noIntensity", Formats.date(r.onsetDate()), how)
                : getTranslation("recurrence.callout", Formats.date(r.onsetDate()), r.intensity(), how);
        Div callout = new Div(VaadinIcon.WARNING.create(), new Span(text));
        callout.addClassNames("callout", "callout-recurrence");
        return callout;
    }

    @SuppressWarnings("unchecked")
    private Set<String> dismissed() {
        VaadinSession session = VaadinSession.getCurrent();
        Set<String> set = (Set<String>) session.getAttribute(DISMISSED);
        if (set == null) {
            set = new HashSet<>();
            session.setAttribute(DISMISSED, set);
        }
        return set;
    }

    void renderNudges(List<Nudge> list) {
        nudges.removeAll();
        Set<String> dismissed = dismissed();
        for (Nudge nudge : list) {
            String id = episodeId + ":" + nudge.key();
            if (dismissed.contains(id)) {
                continue;
            }
            Object[] args = nudge.arguments().stream()
                    .map(a -> a instanceof Factor f ? getTranslation(f.labelKey()) : a).toArray();
            Span message = new Span(getTranslation(nudge.messageKey(), args));
            Button dismiss = new Button(getTranslation("nudge.dismiss"), e -> {
                dismissed.add(id);
                e.getSource().getParent().ifPresent(Component::removeFromParent);
            });
            dismiss.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            Div callout = new Div(VaadinIcon.LIGHTBULB.create(), message, dismiss);
            callout.addClassNames("callout", "callout-nudge");
            callout.getElement().setAttribute("role", "note");
            nudges.add(callout);
        }
    }

    private Component trends(List<MeasureTrend> list) {
        if (list.isEmpty()) {
            return new Paragraph(getTranslation("episode.noMeasures"));
        }
        Grid<MeasureTrend> grid = new Grid<>();
        grid.addColumn(t -> t.instrument().abbreviation()).setHeader(getTranslation("trend.instrument"));
        grid.addColumn(t -> score(t.baseline()) + " (" + Formats.shortDate(t.baseline().recordedOn()) + ")")
                .setHeader(getTranslation("trend.baseline")).setAutoWidth(true);
        grid.addColumn(t -> t.latest() == null ? "—"
                        : score(t.latest()) + " (" + Formats.shortDate(t.latest().recordedOn()) + ")")
                .setHeader(getTranslation("trend.latest")).setAutoWidth(true);
        grid.addComponentColumn(t -> {
            if (t.change() == null) {
                return new Span("—");
            }
            Span change = new Span(getTranslation("change." + t.change().name()));
            change.addClassNames("pill", switch (t.change()) {
                case IMPROVED -> "pill-success";
                case WORSENED -> "pill-error";
                case NO_CLINICALLY_IMPORTANT_CHANGE -> "pill-contrast";
            });
            return change;
        }).setHeader(getTranslation("trend.change"));
        grid.setItems(list);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        grid.addClassName("trend-grid");
        return grid;
    }

    private String score(MeasureSummary m) {
        return MeasureText.score(this::getTranslation, m.instrument(), m.score(),
                m.instrument() == Instrument.FABQ ? m.subscales() : java.util.Map.of(), m.category());
    }

    private Component visitGrid(List<VisitSummary> list, boolean canWrite) {
        if (list.isEmpty()) {
            return new Paragraph(getTranslation("episode.noVisits"));
        }
        Grid<VisitSummary> grid = new Grid<>();
        grid.addColumn(v -> Formats.date(v.visitDate())).setHeader(getTranslation("visit.date")).setAutoWidth(true);
        grid.addColumn(VisitSummary::therapistName).setHeader(getTranslation("visit.therapist")).setAutoWidth(true);
        grid.addColumn(v -> v.nprs() == null ? "—" : v.nprs() + "/10").setHeader(getTranslation("visit.nprs.short"));
        grid.addColumn(VisitSummary::minutes).setHeader(getTranslation("visit.minutes.short"));
        grid.addColumn(v -> v.factors().stream().map(f -> getTranslation(f.shortLabelKey()))
                .collect(Collectors.joining(", "))).setHeader(getTranslation("visit.factors")).setFlexGrow(2);
        if (canWrite) {
            grid.addComponentColumn(v -> {
                Button edit = new Button(VaadinIcon.EDIT.create(), e -> Page.EDIT_VISIT.open(v.id()));
                edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                edit.setAriaLabel(getTranslation("visit.edit"));
                return edit;
            }).setAutoWidth(true).setFlexGrow(0);
        }
        grid.setItems(list.reversed());
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        return grid;
    }

    private Component followUpList(List<FollowUpSummary> list) {
        Div rows = new Div();
        rows.addClassName("follow-up-list");
        LocalDate today = LocalDate.now(clock);
        for (FollowUpSummary f : list) {
            String state;
            String tone;
            if (f.status() == FollowUpStatus.COMPLETED) {
                state = getTranslation(Boolean.TRUE.equals(f.painFree()) ? "followUp.done.painFree" : "followUp.done.painReturned",
                        Formats.date(f.completedOn()));
                tone = Boolean.TRUE.equals(f.painFree()) ? "pill-success" : "pill-error";
            } else if (f.dueDate().isBefore(today)) {
                state = getTranslation("followUp.overdue");
                tone = "pill-warning";
            } else {
                state = getTranslation("followUp.scheduled");
                tone = "pill-contrast";
            }
            Span pill = new Span(state);
            pill.addClassNames("pill", tone);
            Div row = new Div(new Span(getTranslation("followUp.months", f.monthsAfter())),
                    new Span(Formats.date(f.dueDate())), pill);
            row.addClassName("follow-up-row");
            rows.add(row);
        }
        return rows;
    }

    void openDischarge(EpisodeSummary episode) {
        LocalDate today = LocalDate.now(clock);
        dischargeDate = new DatePicker(getTranslation("discharge.date"), today);
        Formats.iso(dischargeDate);
        dischargeDate.setMin(episode.startDate());
        dischargeDate.setMax(today);
        dischargeReason = new Select<>();
        dischargeReason.setLabel(getTranslation("discharge.reason"));
        dischargeReason.setItems(DischargeReason.values());
        dischargeReason.setItemLabelGenerator(r -> getTranslation("discharge.reason." + r.name()));
        dischargeReason.setValue(DischargeReason.GOALS_MET);
        dischargeMeasures = new MeasuresForm(List.of(Instrument.NPRS, Instrument.ODI, Instrument.RMDQ, Instrument.PSFS));
        dischargeErrors = new ErrorSummary();
        Paragraph help = new Paragraph(getTranslation("discharge.help"));
        help.addClassName("muted");
        HorizontalLayout fields = new HorizontalLayout(dischargeDate, dischargeReason);
        fields.setWrap(true);

        dischargeDialog = new Dialog();
        dischargeDialog.setHeaderTitle(getTranslation("discharge.title", episode.patientName()));
        dischargeDialog.setWidth("min(48rem, 95vw)");
        dischargeDialog.add(fields, new H3(getTranslation("discharge.measures")), dischargeMeasures, help, dischargeErrors);
        confirmDischarge = new Button(getTranslation("discharge.confirm"), e -> discharge());
        confirmDischarge.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("action.cancel"), e -> dischargeDialog.close());
        dischargeDialog.getFooter().add(cancel, confirmDischarge);
        dischargeDialog.open();
    }

    void discharge() {
        dischargeErrors.save(getTranslation("save.what.discharge"), () -> care.discharge(episodeId, dischargeDate.getValue(),
                dischargeReason.getValue(), dischargeMeasures.entries())).ifPresent(done -> {
            dischargeDialog.close();
            EpisodePage page = render();
            Notices.saved(getTranslation("discharge.saved", done.patientName(), page.followUps().size()), 5000);
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.episode"));
    }
}
