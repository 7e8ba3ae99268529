package io.backstory.reports;

import io.backstory.analytics.AnalysisEpisode;
import io.backstory.demo.DemoCohorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/**
 * Before/after tool (tagged "snapshot", see {@link OwnerReportSnapshotTest}): the owner report assembled from
 * the demo model's cohort without Spring, written as its analysis JSON and the PDF's text
 * to {@code target/owner-report-snapshot/}, so a refactoring can show that no figure or label moved.
 */
@Tag("snapshot")
class ReportPdfSnapshotTest {

    @Test
    void shouldWriteTheReportAndThePdfText() throws IOException {
        List<AnalysisEpisode> episodes = new ArrayList<>();
        DemoCohorts.analysisRows(20261128L, 2000, episodes::add);
        List<EpisodeRow> rows = new ArrayList<>();
        for (int i = 0; i < episodes.size(); i++) {
            rows.add(new EpisodeRow(episodes.get(i), 1 + i % 5, 1, DemoCohorts.TODAY.minusDays(400)));
        }
        List<ReportOptions.Option> therapists = List.of(new ReportOptions.Option(1, "Theo Marsh"),
                new ReportOptions.Option(2, "Priya Shah"), new ReportOptions.Option(3, "Jonas Berg"),
                new ReportOptions.Option(4, "Amara Okafor"), new ReportOptions.Option(5, "Owen Hughes"));
        RecurrenceReport report = RecurrenceReportService.assemble(ReportFilter.all(), 365, 1, rows, therapists, 90, "v",
                Instant.parse("2026-11-28T09:00:00Z"));
        byte[] pdf = ReportPdf.render("Riverside Physio", report, new ReportOptions(List.of(), therapists, 365));
        Path dir = Files.createDirectories(Path.of("target", "owner-report-snapshot"));
        // the engine's own run time is the one figure that changes from run to run
        Files.writeString(dir.resolve("cohort-analysis.json"),
                report.analysis().toJson().replaceAll("\"timing_ms\":[0-9.]+", "\"timing_ms\":-"));
        PdfReader reader = new PdfReader(pdf);
        StringBuilder text = new StringBuilder();
        try {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page)).append('\n');
            }
        } finally {
            reader.close();
        }
        Files.writeString(dir.resolve("cohort-pdf.txt"), text);
    }
}
