package io.backstory.care.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.backstory.analytics.Chronicity;
import io.backstory.base.ui.ErrorSummary;
import io.backstory.base.ui.Formats;
import io.backstory.base.ui.Notices;
import io.backstory.base.ui.PatientDetailsEditor;
import io.backstory.base.ui.RecordRoute;
import io.backstory.care.EpisodeCareService;
import io.backstory.care.PatientPage;
import io.backstory.care.ui.CarePages.Page;
import io.backstory.clinic.ClinicSummary.LocationSummary;
import io.backstory.measures.Instrument;
import io.backstory.patients.EpisodeCommand;
import io.backstory.patients.EpisodeSummary;
import io.backstory.patients.PatientService;
import io.backstory.patients.PatientSummary;
import io.backstory.security.CurrentUser;
import io.backstory.security.UserSummary;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** One patient: their episodes of care and, when none is open, the intake of a new one with baseline measures. */
@Route("patients/:" + CarePages.PATIENT_ID)
@RolesAllowed({"THERAPIST", "OWNER", "ADMIN"})
public class PatientView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final PatientService patients;
    private final EpisodeCareService care;
    private final Clock clock;
    private final CurrentUser currentUser;

    final Select<UserSummary> therapist = new Select<>();
    final Select<LocationSummary> location = new Select<>();
    final DatePicker startDate = new DatePicker();
    final RadioButtonGroup<Chronicity> chronicity = new RadioButtonGroup<>();
    final IntegerField priorEpisodes = new IntegerField();
    final MeasuresForm baseline = new MeasuresForm(List.of(Instrument.values()));
    final Button openEpisode = new Button();
    final ErrorSummary errors = new ErrorSummary();
    final Button editDetails = new Button();
    private long patientId;

    public PatientView(PatientService patients, EpisodeCareService care, CurrentUser currentUser, Clock clock,
                       PatientDetailsEditor details) {
        this.patients = patients;
        this.care = care;
        this.currentUser = currentUser;
        this.clock = clock;
        addClassName("patient-view");
        // the form and its rules belong to the patients module; after a save the page redraws from a fresh page model
        editDetails.addClickListener(e -> details.edit(patientId, () -> render(care.patientPage(patientId))));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        RecordRoute.show(event, CarePages.PATIENT_ID, id -> {
            patientId = id;
            render(care.patientPage(patientId));
        });
    }

    /** Draws the page from its page model alone: no service call until the user acts. */
    private void render(PatientPage page) {
        removeAll();
        PatientSummary patient = page.patient();
        H2 name = new H2(patient.fullName());
        Paragraph facts = new Paragraph(getTranslation("patient.facts", Formats.date(patient.dateOfBirth()),
                patient.ageOn(LocalDate.now(clock)), getTranslation("sex." + patient.sex().name()),
                patient.phone() == null ? "—" : patient.phone()));
        facts.addClassName("muted");
        add(name, facts);
        if (page.canWrite()) {
            // the same roles that create a patient (therapist, admin) correct one; owners read
            editDetails.setText(getTranslation("patient.edit"));
            editDetails.setIcon(VaadinIcon.EDIT.create());
            editDetails.addThemeVariants(ButtonVariant.LUMO_SMALL);
            editDetails.addClassName("patient-edit");
            add(editDetails);
        }
        add(languageSelect(page));

        if (!page.episodes().isEmpty()) {
            add(new H3(getTranslation("patient.episodes")));
            Div cards = new Div();
            cards.addClassName("episode-cards");
            page.episodes().forEach(e -> cards.add(episodeCard(e)));
            add(cards);
        }
        if (page.intake()) {
            add(intakeForm(page));
        }
    }

    /**
     * The language of the patient's check-in messages, editable after creation (issue 16): saved when chosen. Empty:
     * none recorded, the clinic's default applies.
     */
    private com.vaadin.flow.component.Component languageSelect(PatientPage page) {
        com.vaadin.flow.component.select.Select<String> language = new com.vaadin.flow.component.select.Select<>();
        language.setLabel(getTranslation("patient.language"));
        language.setItems(java.util.stream.Stream.concat(java.util.stream.Stream.of(""),
                io.backstory.patients.PatientCommand.LANGUAGES.stream()).toList());
        language.setItemLabelGenerator(tag -> getTranslation(tag.isEmpty() ? "patient.language.clinicDefault" : "language." + tag));
        language.setHelperText(getTranslation("patient.language.help"));
        language.setValue(page.language() == null ? "" : page.language());
        language.addClassName("patient-language");
        language.setWidth("24em"); // the empty choice's label ("Not recorded (the clinic's default)") must show whole
        language.setReadOnly(!page.canWrite());
        ErrorSummary errors = new ErrorSummary();
        language.addValueChangeListener(e -> {
            if (e.isFromClient() && errors.run(getTranslation("save.what.patient.language"),
                    () -> patients.changeLanguage(patientId, e.getValue()))) {
                Notices.saved(getTranslation("patient.language.saved"), 3000);
            }
        });
        return new Div(language, errors);
    }

    private Div episodeCard(EpisodeSummary e) {
        Span status = new Span(e.open() ? getTranslation("episode.status.open")
                : getTranslation("episode.status.discharged", Formats.date(e.dischargeDate())));
        status.addClassNames("pill", e.open() ? "pill-success" : "pill-contrast");
        Span dates = new Span(getTranslation("episode.card", Formats.date(e.startDate()), e.therapistName(), e.locationName()));
        Button view = new Button(getTranslation("episode.view"), click -> Page.EPISODE.open(e.id()));
        view.addThemeVariants(ButtonVariant.LUMO_SMALL);
        HorizontalLayout actions = new HorizontalLayout(view);
        if (e.open()) {
            Button log = new Button(getTranslation("visit.log"), click -> Page.LOG_VISIT.open(e.id()));
            log.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
            actions.add(log);
        }
        Div card = new Div(status, dates, actions);
        card.addClassName("episode-card");
        return card;
    }

    private Div intakeForm(PatientPage page) {
        H3 title = new H3(getTranslation("intake.title"));
        therapist.setLabel(getTranslation("intake.therapist"));
        List<UserSummary> therapists = page.therapists();
        therapist.setItems(therapists);
        therapist.setItemLabelGenerator(UserSummary::displayName);
        therapists.stream().filter(t -> t.id() == currentUser.require().userId()).findFirst()
                .or(() -> therapists.stream().findFirst()).ifPresent(therapist::setValue);
        location.setLabel(getTranslation("intake.location"));
        List<LocationSummary> locations = page.locations();
        location.setItems(locations);
        location.setItemLabelGenerator(LocationSummary::name);
        locations.stream().findFirst().ifPresent(location::setValue);
        startDate.setLabel(getTranslation("intake.startDate"));
        Formats.iso(startDate);
        startDate.setValue(LocalDate.now(clock));
        startDate.setMax(LocalDate.now(clock));
        chronicity.setLabel(getTranslation("intake.chronicity"));
        chronicity.setItems(Chronicity.values());
        chronicity.setItemLabelGenerator(c -> getTranslation("chronicity." + c.name()));
        priorEpisodes.setLabel(getTranslation("intake.priorEpisodes"));
        priorEpisodes.setHelperText(getTranslation("intake.priorEpisodes.help"));
        priorEpisodes.setMin(0);
        priorEpisodes.setMax(50);
        priorEpisodes.setValue(0);
        priorEpisodes.setStepButtonsVisible(true);

        FormLayout intake = new FormLayout(therapist, location, startDate, priorEpisodes, chronicity);
        intake.setColspan(chronicity, 2);
        intake.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2));

        H3 measuresTitle = new H3(getTranslation("intake.baseline"));
        Paragraph measuresHelp = new Paragraph(getTranslation("intake.baseline.help"));
        measuresHelp.addClassName("muted");

        openEpisode.setText(getTranslation("intake.save"));
        openEpisode.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        openEpisode.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        openEpisode.addClickListener(e -> save());

        Div section = new Div(title, intake, measuresTitle, measuresHelp, baseline, errors, openEpisode);
        section.addClassNames("intake", "panel");
        return section;
    }

    void save() {
        errors.save(getTranslation("save.what.episode"), () -> {
            if (therapist.getValue() == null || location.getValue() == null) {
                throw new IllegalArgumentException(getTranslation("intake.therapistLocation.required"));
            }
            EpisodeCommand command = new EpisodeCommand(patientId, therapist.getValue().id(), location.getValue().id(),
                    startDate.getValue(), chronicity.getValue(), priorEpisodes.getValue() == null ? -1 : priorEpisodes.getValue());
            return care.openWithBaseline(command, baseline.entries());
        }).ifPresent(episode -> {
            Notices.saved(getTranslation("intake.saved", episode.patientName()), 4000);
            Page.EPISODE.open(episode.id());
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.patient"));
    }
}
