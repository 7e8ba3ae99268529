package io.backstory.security.ui;

import io.backstory.base.UserFacingException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.backstory.base.ui.PageHeader;
import io.backstory.base.ui.ErrorSummary;
import io.backstory.base.ui.DownloadLink;
import io.backstory.base.ui.Formats;
import io.backstory.security.AuditEntry;
import io.backstory.security.AuditFilter;
import io.backstory.security.AuditLog;
import io.backstory.security.AuditPage;
import io.backstory.security.AuditTrail;
import io.backstory.security.UserAccountService;
import io.backstory.security.UserSummary;
import jakarta.annotation.security.RolesAllowed;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The audit log for admins (DESIGN §8): who did what to which record, when and from where; filtered
 * by person, patient, action and dates; paged; exported as CSV. Each page viewed and each export is
 * itself a row in the log.
 */
@Route("audit")
@Menu(order = 23, icon = "CLIPBOARD_TEXT", title = "nav.audit")
@RolesAllowed("ADMIN")
public class AuditLogView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss", Locale.ENGLISH);

    private final AuditTrail trail;
    private final Clock clock;
    final ComboBox<String> person = new ComboBox<>();
    final IntegerField patient = new IntegerField();
    final ComboBox<AuditLog.Action> action = new ComboBox<>();
    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final Grid<AuditEntry> grid = new Grid<>();
    final Button previous = new Button();
    final Button next = new Button();
    final Span position = new Span();
    final ErrorSummary errors = new ErrorSummary();
    private int offset;
    private AuditPage page;

    public AuditLogView(AuditTrail trail, UserAccountService accounts, Clock clock) {
        this.trail = trail;
        this.clock = clock;
        addClassName("audit-view");
        setSizeFull();

        person.setLabel(getTranslation("audit.person"));
        person.setItems(accounts.clinicUsers().stream().map(UserSummary::username).sorted().toList());
        person.setAllowCustomValue(true);
        person.addCustomValueSetListener(e -> person.setValue(e.getDetail()));
        person.setClearButtonVisible(true);
        patient.setLabel(getTranslation("audit.patient"));
        patient.setPlaceholder(getTranslation("audit.patient.placeholder"));
        patient.setTooltipText(getTranslation("audit.patient.help"));
        patient.setMin(1);
        patient.setClearButtonVisible(true);
        action.setLabel(getTranslation("audit.action"));
        action.setItems(AuditLog.Action.values());
        action.setItemLabelGenerator(a -> getTranslation("audit.action." + a.name()));
        action.setClearButtonVisible(true);
        from.setLabel(getTranslation("audit.from"));
        to.setLabel(getTranslation("audit.to"));
        Formats.iso(from);
        Formats.iso(to);
        person.addValueChangeListener(e -> reload(0));
        patient.addValueChangeListener(e -> reload(0));
        action.addValueChangeListener(e -> reload(0));
        from.addValueChangeListener(e -> reload(0));
        to.addValueChangeListener(e -> reload(0));
        Div filters = new Div(person, patient, action, from, to);
        filters.addClassName("audit-filters");

        Anchor export = DownloadLink.export(getTranslation("audit.export"),
                () -> DownloadLink.csv("audit-log-" + LocalDate.now(clock) + ".csv", csv -> trail.exportCsv(filter(), csv)));

        H2 title = new H2(getTranslation("audit.title"));
        HorizontalLayout header = PageHeader.withActions(title, export);
        Paragraph intro = PageHeader.intro(getTranslation("audit.intro"));

        grid.addColumn(e -> TIME.withLocale(Formats.locale()).format(e.occurredAt().atZone(clock.getZone()))).setHeader(getTranslation("audit.col.when")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::username).setHeader(getTranslation("audit.col.person")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> actionLabel(e.action())).setHeader(getTranslation("audit.col.action")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(this::record)
                .setHeader(getTranslation("audit.col.record")).setFlexGrow(1);
        grid.addColumn(e -> e.clientAddress() == null ? "—" : e.clientAddress()).setHeader(getTranslation("audit.col.from")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> e.detail() == null ? "" : e.detail()).setHeader(getTranslation("audit.col.detail")).setFlexGrow(2);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setSizeFull();
        grid.setEmptyStateText(getTranslation("audit.empty"));

        previous.setText(getTranslation("audit.previous"));
        previous.addClickListener(e -> reload(offset - AuditTrail.PAGE_SIZE));
        next.setText(getTranslation("audit.next"));
        next.addClickListener(e -> reload(offset + AuditTrail.PAGE_SIZE));
        previous.addThemeVariants(ButtonVariant.LUMO_SMALL);
        next.addThemeVariants(ButtonVariant.LUMO_SMALL);
        HorizontalLayout pager = new HorizontalLayout(previous, position, next);
        pager.setAlignItems(FlexComponent.Alignment.CENTER);

        add(header, intro, filters, errors, grid, pager);
        reload(0);
    }

    AuditFilter filter() {
        return new AuditFilter(person.getValue(), patient.getValue() == null ? null : patient.getValue().longValue(),
                action.getValue(), from.getValue(), to.getValue());
    }

    void reload(int requestedOffset) {
        errors.clear();
        try {
            page = trail.search(filter(), Math.max(0, requestedOffset));
            offset = page.offset();
            grid.setItems(page.entries());
            NumberFormat n = NumberFormat.getIntegerInstance(Formats.locale());
            position.setText(page.total() == 0 ? getTranslation("audit.none")
                    : getTranslation("audit.position", n.format(offset + 1), n.format(offset + page.entries().size()), n.format(page.total())));
            previous.setEnabled(offset > 0);
            next.setEnabled(offset + page.entries().size() < page.total());
        } catch (IllegalArgumentException problem) {
            errors.show(getTranslation("form.problems"), UserFacingException.localized(problem, getLocale()));
        }
    }

    /** "Account 2", "Measures · episode 14": the table and id in words, never the data itself (the trail holds none). */
    private String record(AuditEntry e) {
        String key = "audit.entity." + e.entity();
        String entity = getTranslation(key);
        // Vaadin marks a missing key as "!en: key" (older versions "!{key}!"): show the stored name rather than that.
        if (entity.startsWith("!")) {
            entity = e.entity();
        }
        String id = e.entityId() == null || e.entityId().equals("null") ? "" : e.entityId();
        if (AuditLog.Action.LIST.name().equals(e.action()) && !id.isEmpty()) {
            // A LIST row's id is the list's name ("list", "follow-up worklist"): say which list, in words.
            String list = getTranslation("audit.list." + id.replaceAll("[^A-Za-z0-9]", "_"));
            return list.startsWith("!") ? entity + " · " + id : list;
        }
        return id.isEmpty() ? entity : entity + " · " + id.replace(":", " ");
    }

    private String actionLabel(String action) {
        try {
            return getTranslation("audit.action." + AuditLog.Action.valueOf(action).name());
        } catch (IllegalArgumentException unknown) {
            return action;
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.auditLog"));
    }
}
