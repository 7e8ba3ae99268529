package io.backstory.followups.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.backstory.base.ClinicalNote;
import io.backstory.base.ui.CharacterCount;
import io.backstory.base.ui.ErrorSummary;
import io.backstory.base.ui.Formats;
import io.backstory.base.ui.RecordPages;
import io.backstory.base.ui.PageHeader;
import io.backstory.followups.CheckInAnswer;
import io.backstory.followups.FollowUpDue;
import io.backstory.followups.FollowUpService;
import io.backstory.followups.FollowUpReadModels;
import io.backstory.followups.RecurrenceDecision;
import io.backstory.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;

/** The post-discharge check-ins to make, the most overdue first; recording one takes a few seconds. */
@Route("follow-ups")
@Menu(order = 2, icon = "PHONE", title = "nav.followUps")
@RolesAllowed({"THERAPIST", "OWNER", "ADMIN"})
public class FollowUpsDueView extends VerticalLayout implements HasDynamicTitle {

    private final FollowUpReadModels readModels;
    private final FollowUpService followUps;
    private final Clock clock;
    final Grid<FollowUpDue> grid = new Grid<>();
    final Span count = new Span();
    Dialog dialog;
    RadioButtonGroup<String> reached;
    RadioButtonGroup<String> painFree;
    DatePicker onset;
    IntegerField worst;
    Checkbox lasted;
    Checkbox limited;
    Checkbox sought;
    TextArea note;
    ErrorSummary errors;
    Button record;

    public FollowUpsDueView(FollowUpReadModels readModels, FollowUpService followUps, CurrentUser currentUser, Clock clock,
                            RecordPages pages) {
        this.readModels = readModels;
        this.followUps = followUps;
        this.clock = clock;
        addClassName("follow-ups-view");
        setSizeFull();
        boolean canWrite = currentUser.require().recordsCare();

        H2 title = new H2(getTranslation("followUps.title"));
        Paragraph intro = PageHeader.intro(getTranslation("followUps.intro"));
        count.addClassName("muted");

        grid.addColumn(FollowUpDue::patientName).setHeader(getTranslation("followUps.col.patient")).setWidth("9rem").setFlexGrow(1);
        grid.addColumn(f -> f.phone() == null ? "—" : f.phone()).setHeader(getTranslation("followUps.col.phone")).setAutoWidth(true).setFlexGrow(0); // the whole number: it is what the therapist dials
        grid.addColumn(f -> getTranslation("followUps.monthsShort", f.monthsAfter())).setHeader(getTranslation("followUps.col.checkIn"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(f -> {
            Span due = new Span(Formats.date(f.dueDate()));
            if (!f.overdue() && !f.noReplyToEmail()) {
                return due;
            }
            Div cell = new Div(due);
            if (f.overdue()) {
                Span late = new Span(getTranslation("followUps.overdueBy", f.daysOverdue()));
                late.addClassNames("pill", "pill-warning");
                cell.add(late);
            }
            if (f.noReplyToEmail()) {
                Span noReply = new Span(getTranslation("followups.noReply"));
                noReply.addClassNames("pill", "pill-contrast", "no-reply");
                cell.add(noReply);
            }
            cell.addClassName("due-cell");
            return cell;
        }).setHeader(getTranslation("followUps.col.due")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(f -> {
            HorizontalLayout buttons = new HorizontalLayout();
            buttons.setSpacing(false);
            buttons.setPadding(false);
            if (canWrite) {
                Button rec = new Button(getTranslation("followUps.record"), e -> openCheckIn(f));
                rec.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
                rec.addClassName("record-check-in");
                buttons.add(rec);
            }
            Button episode = new Button(com.vaadin.flow.component.icon.VaadinIcon.ARROW_RIGHT.create(),
                    e -> pages.openEpisode(f.episodeId()));
            episode.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            episode.setAriaLabel(getTranslation("followUps.openEpisode"));
            episode.setTooltipText(getTranslation("followUps.openEpisode"));
            buttons.add(episode);
            return buttons;
        }).setAutoWidth(true).setFlexGrow(0);
        grid.setItems(q -> readModels.due(q.getOffset(), q.getLimit()).stream(), q -> readModels.countDue());
        // a long name wraps onto a second line (rows are two lines already: due date and overdue badge) instead of being cut
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText(getTranslation("followUps.empty"));
        grid.setSizeFull();
        refreshCount();
        add(title, intro, count, grid);
    }

    private void refreshCount() {
        count.setText(getTranslation("followUps.count", readModels.countDue()));
    }

    void openCheckIn(FollowUpDue due) {
        reached = new RadioButtonGroup<>(getTranslation("checkIn.reached"));
        reached.setItems("yes", "no");
        reached.setItemLabelGenerator(v -> getTranslation("checkIn.reached." + v));
        reached.setValue("yes");
        painFree = new RadioButtonGroup<>(getTranslation("checkIn.painFree"));
        painFree.setItems("yes", "no");
        painFree.setItemLabelGenerator(v -> getTranslation("answer." + v));
        onset = new DatePicker(getTranslation("checkIn.onset"));
        Formats.iso(onset);
        onset.setMin(due.dischargeDate());
        onset.setMax(java.time.LocalDate.now(clock));
        worst = new IntegerField(getTranslation("checkIn.worst"));
        worst.setMin(0);
        worst.setMax(10);
        worst.setStepButtonsVisible(true);
        lasted = new Checkbox(getTranslation("checkIn.lasted"));
        limited = new Checkbox(getTranslation("checkIn.limited"));
        sought = new Checkbox(getTranslation("checkIn.sought"));
        Div returned = new Div(new HorizontalLayout(onset, worst), lasted, limited, sought);
        returned.addClassName("check-in-returned");
        note = new TextArea(getTranslation("checkIn.note"));
        note.setWidthFull();
        CharacterCount.show(note, ClinicalNote.MAX_LENGTH);
        errors = new ErrorSummary();

        Runnable toggle = () -> {
            boolean isReached = "yes".equals(reached.getValue());
            painFree.setVisible(isReached);
            returned.setVisible(isReached && "no".equals(painFree.getValue()));
        };
        reached.addValueChangeListener(e -> toggle.run());
        painFree.addValueChangeListener(e -> toggle.run());
        toggle.run();

        dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("checkIn.title", due.patientName(), due.monthsAfter()));
        dialog.setWidth("min(36rem, 95vw)");
        Paragraph context = new Paragraph(getTranslation("checkIn.context", Formats.date(due.dischargeDate()),
                due.phone() == null ? "—" : due.phone()));
        context.addClassName("muted");
        dialog.add(context, reached, painFree, returned, note, errors);
        record = new Button(getTranslation("checkIn.save"), e -> save(due));
        record.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        record.addClickShortcut(com.vaadin.flow.component.Key.ENTER, com.vaadin.flow.component.KeyModifier.CONTROL);
        Button cancel = new Button(getTranslation("action.cancel"), e -> dialog.close());
        dialog.getFooter().add(cancel, record);
        dialog.open();
    }

    void save(FollowUpDue due) {
        errors.clear();
        CheckInAnswer answer;
        if (!"yes".equals(reached.getValue())) {
            answer = CheckInAnswer.notReached();
        } else if (painFree.getValue() == null) {
            errors.show(getTranslation("form.problems"), getTranslation("checkIn.painFree.required"));
            return;
        } else if ("yes".equals(painFree.getValue())) {
            answer = CheckInAnswer.painFree();
        } else {
            answer = new CheckInAnswer(true, false, onset.getValue(), worst.getValue(), lasted.getValue(),
                    limited.getValue(), sought.getValue());
        }
        errors.save(getTranslation("save.what.checkIn"),
                () -> followUps.recordCheckIn(due.id(), due.version(), answer, note.getValue())).ifPresent(result -> {
            dialog.close();
            boolean recurrence = result.decision().outcome() == RecurrenceDecision.Outcome.RECURRENCE;
            Notification n = Notification.show(getTranslation("checkIn.saved", due.patientName()) + " "
                    + result.decision().reason(getLocale()), 6000, Notification.Position.BOTTOM_START);
            n.addThemeVariants(recurrence ? NotificationVariant.LUMO_WARNING : NotificationVariant.LUMO_SUCCESS);
            grid.getDataProvider().refreshAll();
            refreshCount();
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.followUpsDue"));
    }
}
