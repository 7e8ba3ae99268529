package io.backstory.reports.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.HasDynamicTitle;
import io.backstory.base.FailureDiagnostics;
import io.backstory.base.ui.DownloadLink;
import io.backstory.base.ui.PageHeader;
import io.backstory.reports.RecurrenceReport;
import io.backstory.reports.RecurrenceReportService;
import io.backstory.reports.ReportFilter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frame of every report view: title, the shared filters, the exports, the report itself, and the browser tab's title. A
 * cached report is shown at once; otherwise it is computed in the background while a progress bar
 * shows and the UI polls, so the page never freezes.
 */
abstract class ReportView extends VerticalLayout implements HasDynamicTitle {

    private static final Logger log = LoggerFactory.getLogger(ReportView.class);
    static final int POLL_MS = 300;

    protected final RecurrenceReportService reports;
    private final Div status = new Div();
    private final Div content = new Div();
    private @Nullable CompletableFuture<RecurrenceReport> pending;
    // Read by download requests, which run without the session lock.
    private volatile ReportFilter filter;
    private final String pageTitleKey;

    ReportView(RecurrenceReportService reports, String titleKey, String introKey, String pageTitleKey) {
        this.reports = reports;
        this.pageTitleKey = pageTitleKey;
        this.filter = ReportFilterBar.current();
        addClassName("report-view");
        setWidthFull();
        H2 title = new H2(getTranslation(titleKey));
        Paragraph intro = PageHeader.intro(getTranslation(introKey));
        ReportFilterBar filters = new ReportFilterBar(reports.options(), ReportFilterBar.current(), f -> load());
        // The download is written outside this UI's request: the reader's language is taken now.
        java.util.Locale locale = getLocale();
        Div exports = new Div(
                DownloadLink.export(getTranslation("report.export.pdf"),
                        () -> new DownloadLink.Content("recurrence-report.pdf", "application/pdf", reports.exportPdf(filter, locale))),
                DownloadLink.export(getTranslation("report.export.csv"),
                        () -> DownloadLink.csv("analysis-dataset.csv", csv -> reports.exportCsv(filter, csv))),
                apiHint());
        exports.addClassName("report-exports");
        status.addClassName("report-status");
        content.addClassName("report-content");
        content.setWidthFull();
        add(title, intro, filters, exports, status, content);
    }

    /** Draws the report into the (emptied) content area; {@code report.analysis()} is not null here. */
    protected abstract void render(RecurrenceReport report, Div content);

    @Override
    protected void onAttach(AttachEvent event) {
        load();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        pending = null;
        event.getUI().setPollInterval(-1);
    }

    private void load() {
        filter = ReportFilterBar.current();
        Optional<RecurrenceReport> cached = reports.cached(filter);
        if (cached.isPresent()) {
            pending = null;
            getUI().ifPresent(ui -> ui.setPollInterval(-1));
            show(cached.get());
            return;
        }
        UI ui = getUI().orElseThrow();
        ProgressBar bar = new ProgressBar();
        bar.setIndeterminate(true);
        bar.getElement().setAttribute("aria-label", getTranslation("report.computing"));
        bar.setWidth("16em");
        status.removeAll();
        status.add(new Span(getTranslation("report.computing")), bar);
        ui.setPollInterval(POLL_MS);
        CompletableFuture<RecurrenceReport> future = reports.reportInBackground(filter);
        pending = future;
        future.whenComplete((report, error) -> ui.access(() -> {
            if (pending != future) {
                return;
            }
            pending = null;
            ui.setPollInterval(-1);
            status.removeAll();
            if (error != null) {
                log.warn("Recurrence report failed: {}", FailureDiagnostics.describe(error));
                status.add(new Span(getTranslation("report.failed")));
            } else {
                show(report);
            }
        }));
    }

    private void show(RecurrenceReport report) {
        status.removeAll();
        content.removeAll();
        if (report.analysis() == null) {
            Paragraph empty = new Paragraph(getTranslation("report.empty"));
            empty.addClassName("report-empty");
            content.add(empty);
            return;
        }
        render(report, content);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("page.title", getTranslation(pageTitleKey));
    }

    private Span apiHint() {
        Span hint = new Span(getTranslation("report.export.api"));
        hint.addClassName("muted");
        return hint;
    }
}
