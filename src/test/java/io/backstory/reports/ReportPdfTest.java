package io.backstory.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstory.analytics.AnalysisEpisode;
import io.backstory.demo.DemoCohorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/**
 * The owner PDF drawn from a generated clinic (the demo model, planted HR 0.75), without Spring or a
 * database. The PDF is written to {@code target/report-pdf/} so it can be looked at, e.g. with
 * {@code pdftoppm -png -r 80 target/report-pdf/report.pdf /tmp/page}.
 */
class ReportPdfTest {

    private static final long SEED = 20260428L;
    private static final int HORIZON = 365;
    private static final List<ReportOptions.Option> THERAPISTS = List.of(
            new ReportOptions.Option(1, "Theo Marsh"), new ReportOptions.Option(2, "Priya Shah"),
            new ReportOptions.Option(3, "Jonas Berg"), new ReportOptions.Option(4, "Amara Okafor"),
            new ReportOptions.Option(5, "Lucía Romero"), new ReportOptions.Option(6, "Owen Hughes"),
            new ReportOptions.Option(7, "Nina Newcomer"));
    // Uneven caseloads, as in clinics with part-timers, so the dots spread along the funnel.
    private static final double[] CASELOAD = {0.30, 0.24, 0.18, 0.14, 0.09, 0.05};

    private static RecurrenceReport report;

    @BeforeAll
    static void generateClinic() {
        List<AnalysisEpisode> episodes = new ArrayList<>();
        DemoCohorts.analysisRows(SEED, 1500, episodes::add);
        SplittableRandom random = new SplittableRandom(SEED);
        List<EpisodeRow> rows = new ArrayList<>();
        for (AnalysisEpisode e : episodes) {
            rows.add(new EpisodeRow(e, therapistOf(e, random), 1, DemoCohorts.TODAY.minusDays(400)));
        }
        // A newcomer whose only patient is not yet followed to the horizon: no rate, so no dot.
        rows.add(new EpisodeRow(episodes.stream().filter(e -> !e.recurred() && e.timeDays() < HORIZON).findFirst().orElseThrow(),
                7, 1, DemoCohorts.TODAY.minusDays(40)));
        report = RecurrenceReportService.assemble(ReportFilter.all(), HORIZON, 1, rows, THERAPISTS, 90, "test",
                Instant.parse("2026-11-28T09:00:00Z"));
    }

    /** Theo's caseload leans towards recurrences and Owen's away from them, so both kinds of flagged dot appear. */
    private static long therapistOf(AnalysisEpisode e, SplittableRandom random) {
        boolean recurred = RecurrenceReportService.recurredBy(e, HORIZON);
        if (recurred && random.nextDouble() < 0.12) {
            return 1;
        }
        if (!recurred && e.timeDays() >= HORIZON && random.nextDouble() < 0.05) {
            return 6;
        }
        double u = random.nextDouble();
        for (int i = 0; i < CASELOAD.length; i++) {
            u -= CASELOAD[i];
            if (u < 0) {
                return i + 1;
            }
        }
        return CASELOAD.length;
    }

    @Test
    void shouldDrawTheBreadthAndFunnelChartsInTheirSections() throws IOException {
        byte[] pdf = ReportPdf.render("Riverside Physio", report, options());
        save(pdf, "report.pdf");

        String text = text(pdf);
        // a 365-day horizon is worded as on the dashboard
        assertThat(text).contains("Recurrence by plan (within a year)", "plan breadth (factors addressed)",
                "Therapists (funnel-plot view", "episodes followed to the horizon (per therapist)",
                "recurrence within a year", "99.8 % limits", "Nina Newcomer");
        // Model terms in the dashboard's words, not the analysis' column names.
        assertThat(text).contains("Sex: male (vs female)", "STarT Back high (vs low)", "Stress, fear & beliefs")
                .doesNotContain("sex[M]", "baseline_nprs");
        assertThat(report.therapists()).anyMatch(RecurrenceReport.TherapistPoint::outside95);
    }

    @Test
    void shouldPrintTheVerdictWithEveryReasonAndTheFiguresOfEachCheck() throws IOException {
        byte[] pdf = ReportPdf.render("Riverside Physio", report, options());

        // the PDF breaks lines after a hyphen: "fear- avoidance"
        String text = text(pdf).replaceAll("\\s+", " ").replaceAll("(\\w)- (\\w)", "$1-$2");
        io.backstory.analytics.VerdictResult verdict = report.analysis().verdict();
        // the generated clinic's PDF cohort has no therapist codes: inconclusive, with the reasons listed
        assertThat(verdict.reasons()).isNotEmpty();
        assertThat(text).contains("Not yet clear", "Why there is no clear answer", "The checks behind the answer",
                "Followed to the horizon or to a recurrence", "lost to follow-up (IPCW)");
        for (String reason : verdict.reasons()) {
            assertThat(text).contains(reason.replaceAll("\\s+", " "));
        }
        assertThat(text).doesNotContain("prevent");
    }

    @Test
    void shouldWriteTheWholePdfInSpanishForASpanishReader() throws IOException {
        java.util.Locale spanish = java.util.Locale.of("es");
        byte[] pdf = ReportPdf.render("Riverside Physio", report, options(), spanish);
        save(pdf, "report-es.pdf");

        String text = text(pdf).replaceAll("\\s+", " ").replaceAll("(\\w)- (\\w)", "$1-$2");
        io.backstory.analytics.VerdictResult verdict = report.analysis().verdict();
        assertThat(text).contains("Todavía no está claro", "Por qué no hay una respuesta clara", "Cifras clave",
                "Recurrencia por plan (en un año)", "Tiempo hasta la recurrencia", "Fisioterapeutas (gráfico de embudo",
                "recurrencia en un año", "días desde el alta");
        assertThat(text).contains(verdict.sentence(spanish).replaceAll("\\s+", " "));
        for (String reason : verdict.reasons(spanish)) {
            assertThat(text).contains(reason.replaceAll("\\s+", " "));
        }
        // decimal commas: the hazard ratio as the Spanish reader writes it
        assertThat(text).contains(String.format(spanish, "%.2f", report.analysis().adjustedEffect().ratio()));
        assertThat(EnglishVerdictText.pieces()).hasSizeGreaterThan(50).allSatisfy(english ->
                assertThat(text).as("English left in the Spanish PDF").doesNotContain(english));
    }

    @Test
    void shouldKeepTheTherapistTableWhenThereIsNoFunnel() throws IOException {
        RecurrenceReport r = report;
        RecurrenceReport noFunnel = new RecurrenceReport(r.filter(), r.horizonDays(), r.isolatedMaxBreadth(), r.analysis(),
                r.kpis(), r.breadth(), r.therapists(), List.of(), Double.NaN, r.quarters(), r.omissions(), r.dataVersion(),
                r.computedAt());

        byte[] pdf = ReportPdf.render("Riverside Physio", noFunnel, options());
        save(pdf, "report-without-funnel.pdf");

        String text = text(pdf);

        assertThat(text).contains("Therapists (funnel-plot view", "Priya Shah").doesNotContain("(per therapist)");
    }

    @ParameterizedTest
    @CsvSource({"Priya Shah, Priya S.", "Anna Maria Berg, Anna B.", "Cher, Cher", "' Theo  Marsh ', Theo M."})
    void shouldShortenNamesForDotLabels(String name, String label) {
        assertThat(PdfCharts.shortName(name)).isEqualTo(label);
    }

    private static ReportOptions options() {
        return new ReportOptions(List.of(), THERAPISTS, HORIZON);
    }

    private static String text(byte[] pdf) throws IOException {
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        PdfReader reader = new PdfReader(pdf);
        try {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            StringBuilder all = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                all.append(extractor.getTextFromPage(page)).append('\n');
            }
            return all.toString();
        } finally {
            reader.close();
        }
    }

    private static void save(byte[] pdf, String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "report-pdf"));
        Files.write(dir.resolve(name), pdf);
    }
}
