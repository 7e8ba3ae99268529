package io.backstory.importexport.ui;

import io.backstory.base.UserFacingException;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import io.backstory.base.ui.DownloadLink;
import io.backstory.base.ui.ErrorSummary;
import io.backstory.base.ui.PageHeader;
import io.backstory.importexport.ClinicCsvExportService;
import io.backstory.importexport.FhirExportService;
import io.backstory.importexport.ImportJob;
import io.backstory.importexport.ImportKind;
import io.backstory.importexport.ImportProblem;
import io.backstory.importexport.ImportService;
import io.backstory.visits.Factor;
import jakarta.annotation.security.RolesAllowed;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Import (DESIGN §10, docs/import.md): upload, map columns, map codes, dry run, commit. The steps read the
 * import's database row, so a user who leaves during the commit finds the progress bar again on return.
 * Also offers the clinic's FHIR R4 bulk export. Admins and owners.
 */
@Route("import")
@PageTitle("Import · Backstory")
@Menu(order = 24, icon = "UPLOAD", title = "nav.import")
@RolesAllowed({"ADMIN", "OWNER"})
public class ImportView extends VerticalLayout {

    static final int POLL_MS = 1_000;

    private final ImportService imports;
    private final Map<String, File> received = new LinkedHashMap<>();
    final Upload upload;
    final Button startUpload = new Button();
    final Span receivedList = new Span();
    final Div mappingArea = new Div();
    final Grid<ImportService.CodeRow> codes = new Grid<>();
    final TextField code = new TextField();
    final ComboBox<String> factor = new ComboBox<>();
    final TextField label = new TextField();
    final Button saveCode = new Button();
    final Button dryRun = new Button();
    final Button commit = new Button();
    final ProgressBar progress = new ProgressBar();
    final Paragraph status = new Paragraph();
    final Grid<ImportProblem> problems = new Grid<>();
    final Anchor problemsCsv;
    final ErrorSummary errors = new ErrorSummary();
    private @Nullable ImportJob job;
    private volatile @Nullable UI attachedUi;

    public ImportView(ImportService imports, FhirExportService fhir, ClinicCsvExportService csvExport, Clock clock) {
        this.imports = imports;
        addClassName("import-view");
        setWidthFull();
        setMaxWidth("1100px");

        Anchor fhirExport = DownloadLink.of(getTranslation("import.fhir"),
                () -> DownloadLink.zip("backstory-fhir-" + LocalDate.now(clock) + ".zip", fhir::export));
        fhirExport.addClassName("report-export");
        Anchor csvZip = DownloadLink.of(getTranslation("import.csv"),
                () -> DownloadLink.zip("backstory-csv-" + LocalDate.now(clock) + ".zip", csvExport::export));
        csvZip.addClassName("report-export");
        H2 title = new H2(getTranslation("import.title"));
        HorizontalLayout header = new HorizontalLayout(title, csvZip, fhirExport);
        header.setWidthFull();
        header.expand(title);
        Paragraph intro = PageHeader.intro(getTranslation("import.intro"));

        // 1. upload
        upload = new Upload(UploadHandler.toTempFile((meta, file) -> {
            UI ui = attachedUi;
            if (ui == null) {
                Files.deleteIfExists(file.toPath());
                return;
            }
            ui.access(() -> {
                received.put(meta.fileName(), file);
                receivedList.setText(String.join(", ", received.keySet()));
                startUpload.setEnabled(true);
            });
        }));
        upload.setAcceptedFileTypes(".csv", "text/csv");
        upload.setMaxFiles(6);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, imports.maxFileSize().toBytes()));
        upload.setDropLabel(new Span(getTranslation("import.upload.drop")));
        upload.setI18n(uploadWords());
        receivedList.addClassName("import-received");
        startUpload.setText(getTranslation("import.upload.start"));
        startUpload.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        startUpload.setEnabled(false);
        startUpload.addClickListener(e -> createJob());

        // 3. codes
        codes.addColumn(ImportService.CodeRow::code).setHeader(getTranslation("import.codes.code")).setAutoWidth(true).setFlexGrow(0);
        codes.addColumn(c -> c.factor() == null ? getTranslation("import.codes.none") : getTranslation(Factor.valueOf(c.factor()).shortLabelKey()))
                .setHeader(getTranslation("import.codes.factor")).setAutoWidth(true);
        codes.addColumn(ImportService.CodeRow::label).setHeader(getTranslation("import.codes.label")).setFlexGrow(1);
        codes.setAllRowsVisible(true);
        codes.addItemClickListener(e -> {
            code.setValue(e.getItem().code());
            factor.setValue(e.getItem().factor() == null ? "" : e.getItem().factor());
            label.setValue(e.getItem().label());
        });
        code.setLabel(getTranslation("import.codes.code"));
        factor.setLabel(getTranslation("import.codes.factor"));
        List<String> factorItems = new java.util.ArrayList<>();
        factorItems.add("");
        for (Factor f : Factor.values()) {
            factorItems.add(f.name());
        }
        factor.setItems(factorItems);
        factor.setItemLabelGenerator(f -> f.isEmpty() ? getTranslation("import.codes.none") : getTranslation(Factor.valueOf(f).shortLabelKey()));
        label.setLabel(getTranslation("import.codes.label"));
        saveCode.setText(getTranslation("import.codes.save"));
        saveCode.addClickListener(e -> saveCode());
        HorizontalLayout codeEditor = new HorizontalLayout(code, factor, label, saveCode);
        codeEditor.setAlignItems(Alignment.BASELINE);

        // 4-5. dry run and commit
        dryRun.setText(getTranslation("import.check"));
        dryRun.addClickListener(e -> run(() -> imports.startCheck(currentJob().id(), getLocale())));
        commit.setText(getTranslation("import.commit"));
        commit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        commit.addClickListener(e -> run(() -> imports.startCommit(currentJob().id(), getLocale())));
        problems.addColumn(ImportProblem::file).setHeader(getTranslation("import.problem.file")).setAutoWidth(true).setFlexGrow(0);
        problems.addColumn(ImportProblem::line).setHeader(getTranslation("import.problem.line")).setAutoWidth(true).setFlexGrow(0);
        problems.addColumn(p -> p.column() == null ? "" : p.column()).setHeader(getTranslation("import.problem.column")).setAutoWidth(true)
                .setFlexGrow(0);
        problems.addColumn(ImportProblem::rule).setHeader(getTranslation("import.problem.rule")).setFlexGrow(1);
        problems.setAllRowsVisible(true);
        problemsCsv = DownloadLink.of(getTranslation("import.problem.download"),
                () -> DownloadLink.csv("import-problems.csv", csv -> imports.problemsCsv(currentJob().id(), csv)));
        progress.setWidthFull();
        progress.getElement().setAttribute("aria-label", getTranslation("import.progress"));
        status.addClassName("import-status");

        add(header, intro, errors,
                new H3(getTranslation("import.step.upload")), upload, new HorizontalLayout(startUpload, receivedList),
                new H3(getTranslation("import.step.columns")), mappingArea,
                new H3(getTranslation("import.step.codes")), new Paragraph(getTranslation("import.codes.intro")), codes, codeEditor,
                new H3(getTranslation("import.step.check")), dryRun, problems, problemsCsv,
                new H3(getTranslation("import.step.commit")), commit, progress, status);
        codes.setItems(imports.codes());
        imports.latest().ifPresent(j -> job = j);
        refresh();
    }

    private ImportJob currentJob() {
        if (job == null) {
            throw new IllegalStateException(getTranslation("import.upload.first"));
        }
        return job;
    }

    private void createJob() {
        errors.clear();
        Map<String, InputStream> streams = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, File> f : received.entrySet()) {
                streams.put(f.getKey(), Files.newInputStream(f.getValue().toPath()));
            }
            job = imports.upload(streams);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            errors.show(getTranslation("import.error"), UserFacingException.localized(e, getLocale()));
        } finally {
            received.values().forEach(File::delete);
            received.clear();
            receivedList.setText("");
            startUpload.setEnabled(false);
            upload.clearFileList();
        }
        refresh();
    }

    private void saveCode() {
        errors.clear();
        try {
            imports.saveCode(new ImportService.CodeRow(code.getValue(), factor.getValue() == null || factor.getValue().isEmpty() ? null
                    : factor.getValue(), label.getValue()));
            codes.setItems(imports.codes());
            code.clear();
            label.clear();
        } catch (IllegalArgumentException e) {
            errors.show(getTranslation("import.error"), UserFacingException.localized(e, getLocale()));
        }
    }

    private void run(java.util.function.Supplier<ImportJob> start) {
        errors.clear();
        try {
            job = start.get();
        } catch (IllegalStateException | IllegalArgumentException e) {
            errors.show(getTranslation("import.error"), UserFacingException.localized(e, getLocale()));
        }
        refresh();
    }

    private void buildMapping() {
        mappingArea.removeAll();
        if (job == null) {
            return;
        }
        for (String fileName : job.files()) {
            ImportKind kind = ImportService.kindOfFile(fileName);
            List<String> header = imports.header(job.id(), kind);
            Map<String, String> saved = imports.mapping(kind);
            FormLayout form = new FormLayout();
            form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 2), new FormLayout.ResponsiveStep("700px", 4));
            Map<String, ComboBox<String>> boxes = new HashMap<>();
            for (String field : kind.fields()) {
                ComboBox<String> box = new ComboBox<>(field + (kind.required().contains(field) ? " *" : ""));
                box.setItems(header);
                String source = saved.getOrDefault(field, field);
                header.stream().filter(h -> h.equalsIgnoreCase(source)).findFirst().ifPresent(box::setValue);
                box.setClearButtonVisible(true);
                boxes.put(field, box);
                form.add(box);
            }
            Button save = new Button(getTranslation("import.columns.save", fileName), e -> {
                Map<String, String> mapping = new HashMap<>();
                boxes.forEach((field, box) -> mapping.put(field, box.getValue() == null ? "" : box.getValue()));
                imports.saveMapping(kind, mapping);
                status.setText(getTranslation("import.columns.saved", fileName));
            });
            mappingArea.add(new H3(fileName), form, save);
        }
    }

    private void refresh() {
        ImportJob j = job;
        boolean has = j != null;
        dryRun.setEnabled(has && !j.status().working() && j.status() != ImportJob.Status.DONE);
        commit.setEnabled(has && j.status() == ImportJob.Status.CHECKED);
        problemsCsv.setVisible(has && j.problemCount() > 0);
        problems.setItems(has && j.problemCount() > 0 ? imports.problems(j.id()) : List.of());
        problems.setVisible(has && j.problemCount() > 0);
        progress.setVisible(has && (j.status().working() || j.status() == ImportJob.Status.DONE));
        if (has) {
            progress.setIndeterminate(j.rowsTotal() == 0 && j.status().working());
            progress.setValue(j.progress());
            status.setText(getTranslation("import.status." + j.status().name(), String.join(", ", j.files()))
                    + (j.message() == null ? "" : " " + j.message()));
            if (mappingArea.getChildren().findAny().isEmpty()) {
                buildMapping();
            }
        } else {
            status.setText(getTranslation("import.status.none"));
        }
        getUI().ifPresent(ui -> ui.setPollInterval(has && j.status().working() ? POLL_MS : -1));
    }

    private com.vaadin.flow.shared.@Nullable Registration polling;

    @Override
    protected void onAttach(AttachEvent event) {
        attachedUi = event.getUI();
        polling = event.getUI().addPollListener(e -> {
            if (job != null) {
                ImportJob before = job;
                job = imports.job(job.id());
                if (before.status() != job.status() || before.rowsDone() != job.rowsDone()) {
                    refresh();
                }
            }
        });
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        attachedUi = null;
        if (polling != null) {
            polling.remove();
            polling = null;
        }
    }

    /** The upload's own button, file actions and errors in the user's language (Vaadin ships them in English only). */
    private UploadI18N uploadWords() {
        return new UploadI18N()
                .setAddFiles(new UploadI18N.AddFiles().setOne(getTranslation("import.upload.add")).setMany(getTranslation("import.upload.add")))
                .setError(new UploadI18N.Error().setTooManyFiles(getTranslation("import.upload.tooMany"))
                        .setFileIsTooBig(getTranslation("import.upload.tooBig")).setIncorrectFileType(getTranslation("import.upload.notCsv")))
                .setFile(new UploadI18N.File().setRetry(getTranslation("import.upload.retry"))
                        .setStart(getTranslation("import.upload.startFile")).setRemove(getTranslation("import.upload.remove")))
                .setUploading(new UploadI18N.Uploading()
                        .setStatus(new UploadI18N.Uploading.Status().setConnecting(getTranslation("import.upload.connecting"))
                                .setStalled(getTranslation("import.upload.stalled")).setProcessing(getTranslation("import.upload.processing"))
                                .setHeld(getTranslation("import.upload.held")))
                        .setRemainingTime(new UploadI18N.Uploading.RemainingTime().setPrefix(getTranslation("import.upload.remaining"))
                                .setUnknown(getTranslation("import.upload.remainingUnknown")))
                        .setError(new UploadI18N.Uploading.Error().setServerUnavailable(getTranslation("import.upload.failed"))
                                .setUnexpectedServerError(getTranslation("import.upload.failed"))
                                .setForbidden(getTranslation("import.upload.forbidden"))
                                .setFileTooLarge(getTranslation("import.upload.tooBig"))));
    }
}
