package io.backstory.followups.ui;

import io.backstory.base.ui.Formats;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.backstory.followups.CheckInOutbox;
import io.backstory.followups.FollowUpReadModels;
import io.backstory.followups.OutboxMessageRow;
import io.backstory.followups.OutboxStatus;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The check-in outbox for admins (DESIGN §9): every message with its status and attempts, permanent failures
 * filterable; in demo mode each held message shows its personal link so the patient flow can be tried end to end.
 */
@Route("outbox")
@Menu(order = 24, icon = "ENVELOPE", title = "nav.outbox")
@RolesAllowed("ADMIN")
public class OutboxView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    final Grid<OutboxMessageRow> grid = new Grid<>();
    final Checkbox failedOnly = new Checkbox();

    public OutboxView(CheckInOutbox outbox, FollowUpReadModels readModels) {
        addClassName("outbox-view");
        setSizeFull();
        add(new H2(getTranslation("outbox.title")));
        if (outbox.demoMode()) {
            Paragraph demo = new Paragraph(getTranslation("outbox.demo"));
            demo.addClassName("outbox-demo");
            add(demo);
        }
        failedOnly.setLabel(getTranslation("outbox.failedOnly"));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(m -> TIME.withLocale(Formats.locale()).format(m.createdAt())).setHeader(getTranslation("outbox.created")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(m -> getTranslation("outbox.kind." + m.kind())).setHeader(getTranslation("outbox.kind")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(OutboxMessageRow::recipient).setHeader(getTranslation("outbox.recipient")).setWidth("14rem").setFlexGrow(1);
        grid.addComponentColumn(m -> {
            Span status = new Span(getTranslation("outbox.status." + m.status().name()));
            status.addClassNames("pill", switch (m.status()) {
                case SENT -> "pill-success";
                case FAILED -> "pill-error";
                case PENDING -> "pill-warning";
                case HELD, CANCELED -> "pill-contrast";
            });
            return status;
        }).setHeader(getTranslation("outbox.status")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(OutboxMessageRow::attempts).setHeader(getTranslation("outbox.attempts")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(m -> m.sentAt() == null ? "—" : TIME.withLocale(Formats.locale()).format(m.sentAt())).setHeader(getTranslation("outbox.sent"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(m -> m.lastError() == null ? "" : m.lastError()).setHeader(getTranslation("outbox.error")).setWidth("12rem").setFlexGrow(1);
        grid.addComponentColumn(m -> {
            if (m.link() == null || m.status() == OutboxStatus.SENT) {
                return new Span("");
            }
            Anchor link = new Anchor(m.link(), m.link().substring(m.link().lastIndexOf('/') + 1, m.link().lastIndexOf('/') + 9) + "…",
                    AnchorTarget.BLANK);
            link.addClassName("outbox-link");
            return link;
        }).setHeader(getTranslation("outbox.link")).setAutoWidth(true).setFlexGrow(0);
        grid.setItems(q -> readModels.outboxMessages(failedOnly.getValue(), q.getOffset(), q.getLimit()).stream(),
                q -> readModels.countOutboxMessages(failedOnly.getValue()));
        failedOnly.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        add(failedOnly, grid);
        setFlexGrow(1, grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation("title.outbox"));
    }
}
