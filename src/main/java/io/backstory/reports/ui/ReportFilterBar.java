package io.backstory.reports.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.server.VaadinSession;
import io.backstory.analytics.Chronicity;
import io.backstory.analytics.StartBackRisk;
import io.backstory.reports.ReportFilter;
import io.backstory.reports.ReportOptions;
import java.util.List;
import java.util.function.Consumer;

/**
 * The filters shared by every report view; the choice is kept in the session, so moving from one
 * view to the next keeps it. A bad combination (end before start) is refused with a message.
 */
class ReportFilterBar extends Div {

    private final Consumer<ReportFilter> onChange;
    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final ComboBox<ReportOptions.Option> location = new ComboBox<>();
    final ComboBox<ReportOptions.Option> therapist = new ComboBox<>();
    final ComboBox<Chronicity> chronicity = new ComboBox<>();
    final ComboBox<StartBackRisk> startBack = new ComboBox<>();
    final IntegerField horizon = new IntegerField();
    private boolean updating;

    ReportFilterBar(ReportOptions options, ReportFilter filter, Consumer<ReportFilter> onChange) {
        this.onChange = onChange;
        addClassName("report-filters");
        from.setLabel(getTranslation("filter.from"));
        to.setLabel(getTranslation("filter.to"));
        location.setLabel(getTranslation("filter.location"));
        location.setItems(options.locations());
        location.setItemLabelGenerator(ReportOptions.Option::name);
        therapist.setLabel(getTranslation("filter.therapist"));
        therapist.setItems(options.therapists());
        therapist.setItemLabelGenerator(ReportOptions.Option::name);
        chronicity.setLabel(getTranslation("filter.chronicity"));
        chronicity.setItems(Chronicity.values());
        chronicity.setItemLabelGenerator(c -> getTranslation("chronicity." + c.name()));
        startBack.setLabel(getTranslation("filter.startBack"));
        startBack.setItems(StartBackRisk.values());
        startBack.setItemLabelGenerator(r -> getTranslation("startBack." + r.name()));
        horizon.setLabel(getTranslation("filter.horizon"));
        horizon.setPlaceholder(Integer.toString(options.clinicHorizonDays()));
        horizon.setMin(30);
        horizon.setMax(1825);
        horizon.setStepButtonsVisible(false);
        for (ComboBox<?> box : List.of(location, therapist, chronicity, startBack)) {
            box.setClearButtonVisible(true);
            box.setPlaceholder(getTranslation("filter.all"));
        }
        from.setClearButtonVisible(true);
        to.setClearButtonVisible(true);
        from.setPlaceholder(getTranslation("filter.start"));
        to.setPlaceholder(getTranslation("filter.today"));
        show(filter, options);
        from.addValueChangeListener(e -> changed());
        to.addValueChangeListener(e -> changed());
        location.addValueChangeListener(e -> changed());
        therapist.addValueChangeListener(e -> changed());
        chronicity.addValueChangeListener(e -> changed());
        startBack.addValueChangeListener(e -> changed());
        horizon.addValueChangeListener(e -> changed());
        add(from, to, location, therapist, chronicity, startBack, horizon);
    }

    static ReportFilter current() {
        VaadinSession session = VaadinSession.getCurrent();
        ReportFilter filter = session == null ? null : session.getAttribute(ReportFilter.class);
        return filter == null ? ReportFilter.all() : filter;
    }

    private void show(ReportFilter f, ReportOptions options) {
        updating = true;
        from.setValue(f.dischargedFrom());
        to.setValue(f.dischargedTo());
        location.setValue(options.locations().stream().filter(o -> f.locationId() != null && o.id() == f.locationId()).findFirst().orElse(null));
        therapist.setValue(options.therapists().stream().filter(o -> f.therapistId() != null && o.id() == f.therapistId()).findFirst().orElse(null));
        chronicity.setValue(f.chronicity());
        startBack.setValue(f.startBack());
        horizon.setValue(f.horizonDays());
        updating = false;
    }

    private void changed() {
        if (updating) {
            return;
        }
        to.setInvalid(false);
        horizon.setInvalid(false);
        Integer days = horizon.getValue();
        if (horizon.isInvalid() || (days != null && (days < 30 || days > 1825))) {
            horizon.setErrorMessage(getTranslation("filter.horizon.invalid"));
            horizon.setInvalid(true);
            return;
        }
        if (from.getValue() != null && to.getValue() != null && to.getValue().isBefore(from.getValue())) {
            to.setErrorMessage(getTranslation("filter.to.invalid"));
            to.setInvalid(true);
            return;
        }
        ReportFilter filter = new ReportFilter(from.getValue(), to.getValue(),
                location.getValue() == null ? null : location.getValue().id(),
                therapist.getValue() == null ? null : therapist.getValue().id(),
                chronicity.getValue(), startBack.getValue(), days);
        VaadinSession.getCurrent().setAttribute(ReportFilter.class, filter);
        onChange.accept(filter);
    }
}
