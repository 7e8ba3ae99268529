package io.backstory.care.ui;

import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.shared.Registration;
import io.backstory.base.ClinicalNote;
import io.backstory.base.ui.CharacterCount;
import io.backstory.base.ui.CommandEvent;
import io.backstory.base.ui.ErrorSummary;
import io.backstory.base.ui.Formats;
import io.backstory.security.UserSummary;
import io.backstory.visits.Factor;
import io.backstory.visits.InterventionSummary;
import io.backstory.visits.VisitCommand;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The visit form, built for speed between two patients: five large factor toggles, the interventions of the chosen
 * factors (choosing one selects its factor), pain today, minutes and a note. Everything is reachable with Tab and
 * Space; Ctrl+Enter or Alt+S saves. It fires a SaveEvent and never calls a service, so a rejected save keeps every value.
 */
public class VisitForm extends Div {

    final DatePicker visitDate = new DatePicker();
    final Select<UserSummary> therapist = new Select<>();
    final Map<Factor, Checkbox> factors = new EnumMap<>(Factor.class);
    final CheckboxGroup<InterventionSummary> interventions = new CheckboxGroup<>();
    final Checkbox showAll = new Checkbox();
    final IntegerField nprs = new IntegerField();
    final IntegerField minutes = new IntegerField();
    final TextArea note = new TextArea();
    final Button save = new Button();
    final ErrorSummary errors = new ErrorSummary();

    private final long episodeId;
    private final List<InterventionSummary> catalogue;
    private final Set<InterventionSummary> chosen = new LinkedHashSet<>();
    private boolean updating;

    public VisitForm(VisitCommand draft, List<UserSummary> therapists, List<InterventionSummary> catalogue, Clock clock) {
        this.episodeId = draft.episodeId();
        this.catalogue = catalogue.stream()
                .sorted(Comparator.comparing((InterventionSummary i) -> i.factor() == null ? 9 : i.factor().ordinal())
                        .thenComparing(InterventionSummary::name)).toList();
        addClassName("visit-form");

        visitDate.setLabel(getTranslation("visit.date"));
        Formats.iso(visitDate);
        visitDate.setMax(LocalDate.now(clock));
        therapist.setLabel(getTranslation("visit.therapist"));
        therapist.setItems(therapists);
        therapist.setItemLabelGenerator(UserSummary::displayName);
        HorizontalLayout when = new HorizontalLayout(visitDate, therapist);
        when.setWrap(true);

        H3 factorTitle = new H3(getTranslation("visit.factors"));
        Div factorCards = new Div();
        factorCards.addClassName("factor-toggles");
        for (Factor factor : Factor.values()) {
            Checkbox toggle = new Checkbox(getTranslation(factor.labelKey()));
            toggle.setHelperText(getTranslation(factor.descriptionKey()));
            toggle.addClassNames("factor-toggle", "factor-" + factor.name().toLowerCase(java.util.Locale.ROOT));
            toggle.addValueChangeListener(e -> {
                if (!updating) {
                    if (!e.getValue()) {
                        chosen.removeIf(i -> i.factor() == factor);
                    }
                    refreshInterventions();
                }
            });
            factors.put(factor, toggle);
            factorCards.add(toggle);
        }

        interventions.setLabel(getTranslation("visit.interventions"));
        interventions.setItemLabelGenerator(i -> i.factor() == null
                ? getTranslation("visit.intervention.passive", i.name()) : i.name());
        interventions.addClassName("intervention-list");
        interventions.addValueChangeListener(e -> {
            if (updating) {
                return;
            }
            Set<InterventionSummary> visible = visibleInterventions();
            chosen.removeIf(visible::contains);
            chosen.addAll(e.getValue());
            updating = true;
            e.getValue().stream().map(InterventionSummary::factor).filter(f -> f != null)
                    .forEach(f -> factors.get(f).setValue(true));
            updating = false;
            refreshInterventions();
        });
        showAll.setLabel(getTranslation("visit.interventions.all"));
        showAll.addValueChangeListener(e -> refreshInterventions());

        nprs.setLabel(getTranslation("visit.nprs"));
        nprs.setMin(0);
        nprs.setMax(10);
        nprs.setStepButtonsVisible(true);
        nprs.setHelperText(getTranslation("visit.nprs.help"));
        minutes.setLabel(getTranslation("visit.minutes"));
        minutes.setMin(VisitCommand.MIN_MINUTES);
        minutes.setMax(VisitCommand.MAX_MINUTES);
        minutes.setStep(5);
        minutes.setStepButtonsVisible(true);
        note.setLabel(getTranslation("visit.note"));
        CharacterCount.show(note, ClinicalNote.MAX_LENGTH);
        note.setWidthFull();
        HorizontalLayout numbers = new HorizontalLayout(nprs, minutes);
        numbers.setWrap(true);

        save.setText(getTranslation("visit.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        save.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        save.addClickShortcut(Key.KEY_S, KeyModifier.ALT);
        save.addClickListener(e -> fireEvent(new SaveEvent(this, command())));
        Div shortcutHint = new Div(getTranslation("visit.shortcut"));
        shortcutHint.addClassName("muted");
        HorizontalLayout actions = new HorizontalLayout(save, shortcutHint);
        actions.setAlignItems(HorizontalLayout.Alignment.CENTER);

        add(when, factorTitle, factorCards, showAll, interventions, numbers, note, errors, actions);
        read(draft);
    }

    /** Shows a draft (prefilled from the previous visit) or a saved visit in the form. */
    public void read(VisitCommand c) {
        updating = true;
        visitDate.setValue(c.visitDate());
        therapist.getListDataView().getItems().filter(u -> u.id() == c.therapistId()).findFirst().ifPresent(therapist::setValue);
        factors.forEach((f, box) -> box.setValue(c.factors().contains(f)));
        chosen.clear();
        catalogue.stream().filter(i -> c.interventionIds().contains(i.id())).forEach(chosen::add);
        nprs.setValue(c.nprs());
        minutes.setValue(c.minutes());
        note.setValue(c.note() == null ? "" : c.note());
        updating = false;
        refreshInterventions();
    }

    public VisitCommand command() {
        Set<Factor> selected = factors.entrySet().stream().filter(e -> e.getValue().getValue()).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Factor.class)));
        return new VisitCommand(episodeId, visitDate.getValue(),
                therapist.getValue() == null ? -1 : therapist.getValue().id(),
                minutes.getValue() == null ? 0 : minutes.getValue(), nprs.getValue(), note.getValue(), selected,
                chosen.stream().map(InterventionSummary::id).collect(Collectors.toSet()));
    }

    private Set<InterventionSummary> visibleInterventions() {
        return interventions.getListDataView().getItems().collect(Collectors.toSet());
    }

    /** Interventions of the chosen factors and passive care; all of them on request. */
    private void refreshInterventions() {
        boolean was = updating;
        updating = true;
        List<InterventionSummary> visible = catalogue.stream()
                .filter(i -> showAll.getValue() || i.factor() == null || factors.get(i.factor()).getValue()
                        || chosen.contains(i))
                .toList();
        interventions.setItems(visible);
        interventions.setValue(visible.stream().filter(chosen::contains).collect(Collectors.toSet()));
        updating = was;
    }

    public void showError(String message) {
        errors.show(getTranslation("form.problems"), message);
    }

    public static final class SaveEvent extends CommandEvent<VisitForm, VisitCommand> {
        SaveEvent(VisitForm source, VisitCommand command) {
            super(source, command);
        }
    }

    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }
}
